import { useEffect, useRef, useState } from 'react'
import { PIN_LENGTH } from '../lib/validation.js'

interface PinBoxesProps {
  value: string
  onChange: (value: string) => void
  /** Called once all six digits are in. */
  onComplete?: (value: string) => void
  label: string
  progressLabel: string
  invalid?: boolean
  disabled?: boolean
  autoFocus?: boolean
}

/**
 * Six boxes that fill with dots, in the style of Alipay's payment PIN. One real input sits on top of the boxes,
 * so the numeric keyboard, paste, autofill blocking and screen readers all work as for any input.
 */
export function PinBoxes({
  value,
  onChange,
  onComplete,
  label,
  progressLabel,
  invalid,
  disabled,
  autoFocus,
}: PinBoxesProps) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [focused, setFocused] = useState(false)

  useEffect(() => {
    if (autoFocus && !disabled) inputRef.current?.focus()
  }, [autoFocus, disabled])

  const handleChange = (raw: string) => {
    const digits = raw.replace(/\D/g, '').slice(0, PIN_LENGTH)
    onChange(digits)
    if (digits.length === PIN_LENGTH && value.length !== PIN_LENGTH) onComplete?.(digits)
  }

  return (
    <div className={`pin-boxes${invalid ? ' pin-boxes--invalid' : ''}${focused ? ' pin-boxes--focused' : ''}`}>
      <input
        ref={inputRef}
        className="pin-boxes__input"
        type="password"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={PIN_LENGTH}
        value={value}
        onChange={(event) => handleChange(event.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-description={progressLabel}
        disabled={disabled}
      />
      {Array.from({ length: PIN_LENGTH }, (_, index) => (
        <span
          key={index}
          className={`pin-boxes__box${index === Math.min(value.length, PIN_LENGTH - 1) ? ' pin-boxes__box--current' : ''}`}
          aria-hidden="true"
        >
          {index < value.length && <span className="pin-boxes__dot" />}
        </span>
      ))}
    </div>
  )
}
