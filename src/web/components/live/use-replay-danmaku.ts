import { useEffect, useRef } from 'react'
import type { DanmakuView } from '../../../shared/api/live.js'
import { fetchDanmakuWindow } from '../../api/live.js'

/** Danmaku are loaded this many seconds of video at a time, the next window before the current one runs out. */
const WINDOW_S = 30
const AHEAD_S = 10

/**
 * A replay's danmaku, loaded window by window as the video plays or is seeked (GET …/danmaku?from&to), each window
 * once; the renderer, bound to the video, shows each at its own video time.
 */
export function useReplayDanmaku(
  eventId: string | undefined,
  video: HTMLVideoElement | null,
  onItems: (items: DanmakuView[]) => void,
): void {
  const latest = useRef(onItems)
  useEffect(() => {
    latest.current = onItems
  })

  useEffect(() => {
    if (!eventId || !video) return
    const loaded = new Set<number>()
    let stopped = false
    const load = (index: number) => {
      if (loaded.has(index)) return
      loaded.add(index)
      fetchDanmakuWindow(eventId, index * WINDOW_S, (index + 1) * WINDOW_S).then(
        ({ items }) => {
          if (!stopped) latest.current(items)
        },
        // A failed window is asked for again when the video next reaches it.
        () => loaded.delete(index),
      )
    }
    const check = () => {
      const index = Math.floor(video.currentTime / WINDOW_S)
      load(index)
      if (video.currentTime + AHEAD_S >= (index + 1) * WINDOW_S) load(index + 1)
    }
    check()
    video.addEventListener('timeupdate', check)
    video.addEventListener('seeking', check)
    return () => {
      stopped = true
      video.removeEventListener('timeupdate', check)
      video.removeEventListener('seeking', check)
    }
  }, [eventId, video])
}
