interface ChoiceProps<T extends string> {
  label: string
  options: readonly T[]
  value: T
  onChange: (value: T) => void
  text: (option: T) => string
  small?: boolean
}

/** A few choices side by side (the app's segmented control), as a radio group. */
export function Choice<T extends string>({ label, options, value, onChange, text, small }: ChoiceProps<T>) {
  return (
    <div
      className={`segmented live-choice${small ? ' segmented--small' : ''}`}
      style={{ gridTemplateColumns: `repeat(${options.length}, 1fr)` }}
      role="radiogroup"
      aria-label={label}
    >
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={option === value}
          className="segmented__option"
          onClick={() => onChange(option)}
        >
          {text(option)}
        </button>
      ))}
    </div>
  )
}
