import Hls from 'hls.js/light'
import hlsWorkerUrl from 'hls.js/dist/hls.worker.js?url'
import { useEffect, useRef, useState } from 'react'

interface HlsVideoProps {
  src: string
  /** A live event loops the demo clip; a real live stream never ends, so looping changes nothing for it. */
  loop: boolean
  label: string
  onFatal: () => void
  /** The element, for the danmaku renderer to follow in a replay; a stable function, such as a state setter. */
  onElement: (element: HTMLVideoElement | null) => void
}

/**
 * The stream: hls.js over Media Source Extensions where the browser has them, else the browser's own HLS (Safari on
 * iOS has no MSE). The transmuxing worker is loaded from our own origin, so the CSP needs no blob: workers.
 */
export function HlsVideo({ src, loop, label, onFatal, onElement }: HlsVideoProps) {
  const video = useRef<HTMLVideoElement | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    onElement(video.current)
    return () => onElement(null)
  }, [onElement])
  const fatal = useRef(onFatal)
  useEffect(() => {
    fatal.current = onFatal
  })

  useEffect(() => {
    const element = video.current
    if (!element) return
    setFailed(false)
    // Autoplay is only allowed muted; the viewer unmutes with the controls.
    element.muted = true
    const play = () => void element.play().catch(() => undefined)
    if (Hls.isSupported()) {
      const hls = new Hls({ workerPath: hlsWorkerUrl, lowLatencyMode: true })
      hls.on(Hls.Events.MANIFEST_PARSED, play)
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) return hls.recoverMediaError()
        setFailed(true)
        fatal.current()
      })
      hls.loadSource(src)
      hls.attachMedia(element)
      return () => hls.destroy()
    }
    if (element.canPlayType('application/vnd.apple.mpegurl')) {
      element.src = src
      element.addEventListener('loadedmetadata', play, { once: true })
      return () => {
        element.removeAttribute('src')
        element.load()
      }
    }
    setFailed(true)
    fatal.current()
    return undefined
  }, [src])

  return (
    <video
      ref={video}
      className="live-video"
      data-failed={failed || undefined}
      aria-label={label}
      playsInline
      controls
      loop={loop}
      data-testid="live-video"
    />
  )
}
