import { useId, type InputHTMLAttributes, type ReactNode } from 'react'

interface FormRowProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: ReactNode
  value: string
  onChange: (value: string) => void
  /** What follows the input: 元, 个. */
  unit?: string
  invalid?: boolean
}

/** A row of the red packet and transfer forms, as WeChat lays them out: the label left, the input right, a unit. */
export function FormRow({ label, value, onChange, unit, invalid, ...rest }: FormRowProps) {
  const id = useId()
  return (
    <div className={`form-row${invalid ? ' form-row--invalid' : ''}`}>
      <label className="form-row__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="form-row__input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        {...rest}
      />
      {unit && (
        <span className="form-row__unit" aria-hidden="true">
          {unit}
        </span>
      )}
    </div>
  )
}
