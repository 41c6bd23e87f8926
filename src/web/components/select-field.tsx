import { useId } from 'react'

interface SelectFieldProps<T extends string> {
  label: string
  name: string
  options: readonly T[]
  value: T
  onChange: (value: T) => void
  text: (option: T) => string
}

/** A labelled native select, for choices too many or too long for a Segmented control. */
export function SelectField<T extends string>({ label, name, options, value, onChange, text }: SelectFieldProps<T>) {
  const id = useId()
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="field__control">
        <select
          id={id}
          name={name}
          className="field__input field__input--select"
          value={value}
          onChange={(event) => onChange(options.find((option) => option === event.target.value) ?? value)}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {text(option)}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}
