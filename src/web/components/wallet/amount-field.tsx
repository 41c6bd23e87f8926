import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface AmountFieldProps {
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  hint?: ReactNode
  autoFocus?: boolean
}

/** The big "¥ 0.00" field of every money screen. The text stays as typed; the form parses it into fen. */
export function AmountField({ value, onChange, error, hint, autoFocus }: AmountFieldProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className={`amount-field${error ? ' amount-field--invalid' : ''}`}>
      <label className="amount-field__label" htmlFor={id}>
        {t('amount.yuan')}
      </label>
      <div className="amount-field__control">
        <span className="amount-field__currency" aria-hidden="true">
          ¥
        </span>
        <input
          id={id}
          className="amount-field__input"
          inputMode="decimal"
          autoComplete="off"
          enterKeyHint="next"
          placeholder="0.00"
          maxLength={16}
          value={value}
          autoFocus={autoFocus}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        hint && <div className="amount-field__hint">{hint}</div>
      )}
    </div>
  )
}
