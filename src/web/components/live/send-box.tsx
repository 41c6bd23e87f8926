import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { DANMAKU_TEXT_MAX, type SendDanmakuBody } from '../../../shared/api/live.js'
import { SendIcon } from '../icons.js'
import { Segmented } from '../segmented.js'

/** White first: most danmaku are white, and colour is for the ones that want to stand out. */
const SWATCHES = [
  { name: 'white', hex: '#ffffff' },
  { name: 'red', hex: '#fe0302' },
  { name: 'orange', hex: '#ff7204' },
  { name: 'yellow', hex: '#ffd400' },
  { name: 'green', hex: '#00cd00' },
  { name: 'blue', hex: '#00a0ff' },
  { name: 'purple', hex: '#cc0273' },
] as const
const MODES = ['scroll', 'top', 'bottom'] as const
type Mode = (typeof MODES)[number]

interface SendBoxProps {
  sending: boolean
  error: string | undefined
  onSend: (body: SendDanmakuBody) => Promise<boolean>
}

/** 发弹幕: the text, its colour, and whether it flies across or sits at the top or bottom. */
export function SendBox({ sending, error, onSend }: SendBoxProps) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [color, setColor] = useState<string>(SWATCHES[0].hex)
  const [mode, setMode] = useState<Mode>('scroll')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = text.trim()
    if (!trimmed || sending) return
    if (await onSend({ text: trimmed, color, mode })) setText('')
  }

  return (
    <form className="send-box" onSubmit={(event) => void submit(event)}>
      <div className="send-box__row">
        <input
          className="field__input send-box__input"
          value={text}
          maxLength={DANMAKU_TEXT_MAX}
          placeholder={t('live.sendPlaceholder')}
          aria-label={t('live.sendLabel')}
          enterKeyHint="send"
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="submit"
          className="button button--primary send-box__send"
          disabled={sending || !text.trim()}
          aria-label={t('live.send')}
        >
          <SendIcon size={20} />
        </button>
      </div>
      {error && (
        <p className="field__error" role="alert" data-testid="danmaku-error">
          {error}
        </p>
      )}
      <div className="send-box__options">
        <div className="send-box__swatches" role="radiogroup" aria-label={t('live.colour')}>
          {SWATCHES.map(({ name, hex }) => (
            <button
              key={name}
              type="button"
              role="radio"
              aria-checked={hex === color}
              aria-label={t(`live.colours.${name}`)}
              className="send-box__swatch"
              style={{ background: hex }}
              onClick={() => setColor(hex)}
            />
          ))}
        </div>
        <Segmented
          small
          label={t('live.mode')}
          options={MODES}
          value={mode}
          onChange={setMode}
          text={(m) => t(`live.modes.${m}`)}
        />
      </div>
    </form>
  )
}
