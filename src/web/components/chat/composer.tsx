import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MESSAGE_TEXT_MAX } from '../../../shared/api/chat.js'
import { FlameIcon, ImageIcon, PlusIcon } from '../icons.js'
import { MoneyPanel, type MoneyAction } from './money-panel.js'
import { Segmented } from '../segmented.js'

const BURN_CHOICES = [5, 10, 30, 60] as const
const DEFAULT_BURN = 10

interface ComposerProps {
  onText: (text: string, burnSeconds: number | null) => void
  onImage: (file: File) => void
  /** What the ➕ panel offers: 红包, 转账… */
  moneyActions: MoneyAction[]
}

/**
 * The bottom bar: a growing text box, an image picker, 🔥 阅后即焚 with how long the message may be read, and ➕ for
 * the ways to send money.
 */
export function Composer({ onText, onImage, moneyActions }: ComposerProps) {
  const { t } = useTranslation()
  const imageId = useId()
  const hintId = useId()
  const [text, setText] = useState('')
  const [burn, setBurn] = useState<number | null>(null)
  const [panel, setPanel] = useState(false)
  const box = useRef<HTMLTextAreaElement>(null)

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    const trimmed = text.trim()
    if (!trimmed) return
    onText(trimmed, burn)
    setText('')
    // Keep the keyboard up for the next message, as a chat app does.
    box.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // A hardware keyboard's Enter sends; Shift+Enter, and an IME composing Chinese, do not.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event)
  }

  return (
    <form className={`composer${burn ? ' composer--burn' : ''}`} onSubmit={submit}>
      {burn && (
        <div className="composer__burn">
          <Segmented
            small
            label={t('burn.secondsLabel')}
            options={BURN_CHOICES}
            value={burn}
            onChange={setBurn}
            text={(seconds) => t('burn.seconds', { count: seconds })}
          />
          <p className="composer__hint" id={hintId}>
            {t('burn.hint', { count: burn })}
          </p>
        </div>
      )}
      <div className="composer__row">
        <button
          type="button"
          className="icon-button composer__burn-toggle"
          aria-pressed={burn !== null}
          aria-label={t('burn.toggle')}
          onClick={() => setBurn(burn ? null : DEFAULT_BURN)}
        >
          <FlameIcon />
        </button>
        <textarea
          ref={box}
          className="composer__input"
          rows={1}
          maxLength={MESSAGE_TEXT_MAX}
          value={text}
          aria-label={burn ? t('burn.toggle') : t('chat.message')}
          aria-describedby={burn ? hintId : undefined}
          enterKeyHint="send"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => setPanel(false)}
        />
        {text.trim() ? (
          <button type="submit" className="button button--primary composer__send">
            {t('chat.send')}
          </button>
        ) : (
          <label
            className={`icon-button composer__image${burn ? ' composer__image--off' : ''}`}
            htmlFor={imageId}
            title={burn ? t('burn.imageOff') : undefined}
          >
            <ImageIcon />
            <span className="visually-hidden">{t('chat.image')}</span>
          </label>
        )}
        {!text.trim() && moneyActions.length > 0 && (
          <button
            type="button"
            className="icon-button composer__more"
            aria-expanded={panel}
            aria-label={t('money.more')}
            onClick={() => setPanel(!panel)}
          >
            <PlusIcon />
          </button>
        )}
        <input
          id={imageId}
          className="visually-hidden"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          disabled={burn !== null}
          onChange={(event) => {
            Array.from(event.target.files ?? []).forEach(onImage)
            event.target.value = ''
          }}
        />
      </div>
      {panel && (
        <MoneyPanel
          label={t('money.more')}
          actions={moneyActions.map((action) => ({
            ...action,
            onSelect: () => {
              // The sheet takes over; the panel would only sit under it.
              setPanel(false)
              action.onSelect()
            },
          }))}
        />
      )}
    </form>
  )
}
