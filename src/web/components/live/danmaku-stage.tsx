import Danmaku from 'danmaku'
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react'
import type { DanmakuView } from '../../../shared/api/live.js'
import { containsKeyword } from '../../../shared/validation/text.js'
import { AREA_FRACTION, type ViewerSettings } from './viewer-settings.js'

/** How long a scrolling danmaku takes to cross the video, whatever its width. */
const CROSSING_S = 8
const FONT_PX = { small: 14, normal: 18, large: 24 } as const
const MODES = { scroll: 'rtl', top: 'top', bottom: 'bottom' } as const

export interface DanmakuStageHandle {
  /** Shows one danmaku now (live), or at its video time (replay). */
  emit(item: DanmakuView): void
  /** Takes a recalled danmaku off the screen if it is still flying. */
  remove(id: string): void
}

interface DanmakuStageProps {
  settings: ViewerSettings
  /** A replay binds the renderer to the video, so danmaku follow its time, pauses and seeks. */
  media: HTMLVideoElement | null
  replay: boolean
  /** A tip's text in the viewer's language. */
  tipText: (amount: number) => string
}

/** The danmaku over the video, drawn by the `danmaku` renderer (DOM engine), with the viewer's own settings. */
export const DanmakuStage = forwardRef<DanmakuStageHandle, DanmakuStageProps>(function DanmakuStage(
  { settings, media, replay, tipText },
  ref,
) {
  const container = useRef<HTMLDivElement>(null)
  const renderer = useRef<Danmaku | null>(null)
  const nodes = useRef(new Map<string, HTMLElement>())
  // A replay may load a window twice, and a live viewer may get their own danmaku from the ack and the batch.
  const emitted = useRef(new Set<string>())
  const current = useRef({ settings, tipText })
  useEffect(() => {
    current.current = { settings, tipText }
  })

  useEffect(() => {
    const element = container.current
    if (!element || (replay && !media)) return
    const instance = new Danmaku({ container: element, engine: 'dom', ...(replay && media ? { media } : {}) })
    renderer.current = instance
    const fit = () => {
      instance.resize()
      instance.speed = Math.max(1, element.offsetWidth / CROSSING_S)
    }
    fit()
    const observer = new ResizeObserver(fit)
    observer.observe(element)
    const shown = nodes.current
    const seen = emitted.current
    return () => {
      observer.disconnect()
      instance.destroy()
      renderer.current = null
      shown.clear()
      seen.clear()
    }
  }, [media, replay])

  useEffect(() => {
    if (!settings.enabled) renderer.current?.clear()
  }, [settings.enabled])

  useImperativeHandle(
    ref,
    () => ({
      emit(item) {
        const { settings: now, tipText: tip } = current.current
        const text = item.kind === 'tip' && item.amount !== undefined ? tip(item.amount) : item.text
        if (!now.enabled || emitted.current.has(item.id) || containsKeyword(text, now.blockedWords)) return
        emitted.current.add(item.id)
        renderer.current?.emit({
          mode: item.kind === 'tip' ? 'top' : MODES[item.mode],
          ...(replay ? { time: item.videoTime } : {}),
          render: () => {
            const node = danmakuNode(item, text)
            nodes.current.set(item.id, node)
            return node
          },
        })
      },
      remove(id) {
        const node = nodes.current.get(id)
        if (node) node.style.visibility = 'hidden'
      },
    }),
    [replay],
  )

  return (
    <div
      ref={container}
      className="danmaku-stage"
      data-testid="danmaku-stage"
      aria-hidden="true"
      style={{
        height: `${AREA_FRACTION[settings.area] * 100}%`,
        opacity: settings.opacity / 100,
        visibility: settings.enabled ? 'visible' : 'hidden',
      }}
    />
  )
})

function danmakuNode(item: DanmakuView, text: string): HTMLElement {
  const node = document.createElement('span')
  node.className = `danmaku${item.kind === 'tip' ? ' danmaku--tip' : ''}${item.mine ? ' danmaku--mine' : ''}`
  node.dataset.testid = item.kind === 'tip' ? 'danmaku-tip' : 'danmaku-item'
  node.dataset.id = item.id
  node.textContent = text
  if (item.kind !== 'tip') node.style.color = item.color
  node.style.fontSize = `${FONT_PX[item.size]}px`
  return node
}
