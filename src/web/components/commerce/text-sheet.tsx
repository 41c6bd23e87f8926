import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../button.js'
import { FormAlert } from '../form-alert.js'
import { Sheet } from '../sheet.js'

interface TextSheetProps {
  open: boolean
  title: string
  body?: ReactNode
  label: string
  placeholder?: string
  initial?: string
  maxLength: number
  /** Required text: an empty box is refused with this message. Optional text sends undefined when empty. */
  requiredMessage?: string
  multiline?: boolean
  submitLabel: string
  danger?: boolean
  pending: boolean
  error: unknown
  onSubmit: (text: string | undefined) => void
  onClose: () => void
}

/** A sheet that asks for one piece of text and a confirmation: a tracking note, a refund reason, an address. */
export function TextSheet(props: TextSheetProps) {
  const { t } = useTranslation()
  const [text, setText] = useState(props.initial ?? '')
  const [missing, setMissing] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = text.trim()
    if (!trimmed && props.requiredMessage) return setMissing(true)
    props.onSubmit(trimmed || undefined)
  }

  const fieldProps = {
    id: 'text-sheet-input',
    className: `field__input${props.multiline ? ' field__input--multiline' : ''}`,
    placeholder: props.placeholder,
    maxLength: props.maxLength,
    value: text,
    'aria-invalid': missing || undefined,
    onChange: (event: { target: { value: string } }) => {
      setText(event.target.value)
      setMissing(false)
    },
  }

  return (
    <Sheet open={props.open} onClose={props.onClose} title={props.title}>
      <form className="sheet-form" onSubmit={submit} noValidate>
        {props.body && <p className="sheet-form__body">{props.body}</p>}
        <div className={`field${missing ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor="text-sheet-input">
            {props.label}
          </label>
          <div className="field__control">
            {props.multiline ? <textarea rows={3} {...fieldProps} /> : <input autoComplete="off" {...fieldProps} />}
          </div>
          {missing && <p className="field__error">{props.requiredMessage}</p>}
        </div>
        <FormAlert message={props.error instanceof Error ? props.error.message : undefined} />
        <Button type="submit" block variant={props.danger ? 'danger' : 'primary'} pending={props.pending}>
          {props.submitLabel}
        </Button>
        <Button variant="ghost" block onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
      </form>
    </Sheet>
  )
}
