import { useEffect, useRef, useState, type CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import type { OpenedMessage } from '../../../shared/api/chat.js'
import { isApiError } from '../../api/api-error.js'
import { openBurnMessage } from '../../api/chat.js'
import { FlameIcon } from '../icons.js'
import { Spinner } from '../spinner.js'

interface BurnViewerProps {
  messageId: string
  /** The text has been shown and forgotten, or the server refused it (`refused`: it had already burned). */
  onDone: (outcome: { refused: boolean; error?: string }) => void
}

const TICK_MS = 200

/**
 * Opens a burn message full-screen and shows it for its seconds, counting down, then forgets it. The text lives in
 * this component's state alone (never the query cache) and is cleared before the viewer closes. It cannot be
 * selected, copied or long-pressed, and nothing offers to forward or quote it.
 */
export function BurnViewer({ messageId, onDone }: BurnViewerProps) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const [opened, setOpened] = useState<{ text: string; seconds: number; until: number } | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const done = useRef(onDone)
  useEffect(() => {
    done.current = onDone
  })

  // One request per viewer, even when StrictMode runs this effect twice: a second would find the message burned.
  const request = useRef<Promise<OpenedMessage> | null>(null)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    request.current ??= openBurnMessage(messageId)
    let live = true
    request.current.then(
      ({ text, seconds }) => {
        if (live) setOpened({ text, seconds, until: Date.now() + seconds * 1000 })
      },
      (error: unknown) => {
        if (live) done.current({ refused: isApiError(error, 'MESSAGE_BURNED'), error: (error as Error).message })
      },
    )
    return () => {
      live = false
    }
  }, [messageId])

  useEffect(() => {
    if (!opened) return
    // Counted against the clock, not by ticks: a throttled background tab still burns on time.
    const timer = window.setInterval(() => {
      const current = Date.now()
      if (current < opened.until) return setNow(current)
      setOpened(null)
      done.current({ refused: false })
    }, TICK_MS)
    return () => window.clearInterval(timer)
  }, [opened])

  const left = opened ? Math.min(opened.seconds, Math.max(1, Math.ceil((opened.until - now) / 1000))) : null
  const burnNow = () => {
    setOpened(null)
    done.current({ refused: false })
  }

  return (
    <dialog
      ref={ref}
      className="burn-viewer"
      aria-label={t('burn.toggle')}
      data-testid="burn-viewer"
      onCancel={(event) => {
        event.preventDefault()
        if (opened) burnNow()
      }}
      onCopy={(event) => event.preventDefault()}
      onContextMenu={(event) => event.preventDefault()}
    >
      {opened && left !== null ? (
        <>
          <div
            className="burn-viewer__countdown"
            role="timer"
            aria-label={t('burn.leftLabel', { count: left })}
            data-testid="burn-countdown"
            style={{ '--burn-fraction': String(left / opened.seconds) } as CSSProperties}
          >
            <FlameIcon size={18} />
            {t('burn.left', { count: left })}
          </div>
          <p className="burn-viewer__text" data-testid="burn-text">
            {opened.text}
          </p>
          <button type="button" className="burn-viewer__done" onClick={burnNow}>
            {t('burn.done')}
          </button>
        </>
      ) : (
        <Spinner label={t('burn.opening')} />
      )}
    </dialog>
  )
}
