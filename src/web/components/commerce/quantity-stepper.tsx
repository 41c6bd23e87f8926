import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { MinusIcon, PlusIcon } from '../icons.js'

interface QuantityStepperProps {
  value: number
  max: number
  onChange: (value: number) => void
}

/** − 1 + : how many to buy, from 1 to `max` (what is left, and the per-order limit). */
export function QuantityStepper({ value, max, onChange }: QuantityStepperProps) {
  const { t } = useTranslation()
  const id = useId()
  const set = (next: number) => onChange(Math.min(max, Math.max(1, next)))
  return (
    <div className="stepper">
      <label className="stepper__label" htmlFor={id}>
        {t('buy.quantity')}
        <span className="stepper__limit">{t('buy.limit', { max })}</span>
      </label>
      <div className="stepper__control">
        <button
          type="button"
          className="stepper__button"
          aria-label={t('buy.fewer')}
          disabled={value <= 1}
          onClick={() => set(value - 1)}
        >
          <MinusIcon size={16} />
        </button>
        <input
          id={id}
          className="stepper__input"
          inputMode="numeric"
          pattern="[0-9]*"
          value={value}
          onChange={(event) => {
            const digits = event.target.value.replace(/\D/g, '')
            if (digits) set(Number(digits))
          }}
        />
        <button
          type="button"
          className="stepper__button"
          aria-label={t('buy.more')}
          disabled={value >= max}
          onClick={() => set(value + 1)}
        >
          <PlusIcon size={16} />
        </button>
      </div>
    </div>
  )
}
