import { useRef, type KeyboardEvent, type ReactNode } from 'react'

interface SegmentedProps<T extends string | number> {
  label: string
  options: readonly T[]
  value: T
  onChange: (value: T) => void
  text: (option: T) => ReactNode
  /** Tabs switch what is shown below (the panel with this id, when there is one); otherwise the options are radios. */
  tabs?: boolean
  panelId?: string
  lang?: (option: T) => string
  small?: boolean
}

/** The id of an option shown as a tab, for its panel's `aria-labelledby`. */
export function tabId(panelId: string, option: string | number): string {
  return `${panelId}-tab-${option}`
}

/**
 * A few choices side by side, the app's segmented control. One stop for the Tab key; the arrow keys move the choice,
 * as in any radio group or tab list.
 */
export function Segmented<T extends string | number>(props: SegmentedProps<T>) {
  const { options, value, onChange, tabs, panelId } = props
  const buttons = useRef<(HTMLButtonElement | null)[]>([])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key]
    if (step === undefined) return
    event.preventDefault()
    const next = (options.indexOf(value) + step + options.length) % options.length
    onChange(options[next]!)
    buttons.current[next]?.focus()
  }

  return (
    <div
      className={`segmented${props.small ? ' segmented--small' : ''}`}
      style={{ gridTemplateColumns: `repeat(${options.length}, 1fr)` }}
      role={tabs ? 'tablist' : 'radiogroup'}
      aria-label={props.label}
      onKeyDown={onKeyDown}
    >
      {options.map((option, index) => {
        const chosen = option === value
        return (
          <button
            key={option}
            ref={(button) => {
              buttons.current[index] = button
            }}
            type="button"
            className="segmented__option"
            lang={props.lang?.(option)}
            tabIndex={chosen ? 0 : -1}
            onClick={() => onChange(option)}
            {...(tabs
              ? {
                  role: 'tab',
                  'aria-selected': chosen,
                  ...(panelId ? { id: tabId(panelId, option), 'aria-controls': panelId } : {}),
                }
              : { role: 'radio', 'aria-checked': chosen })}
          >
            {props.text(option)}
          </button>
        )
      })}
    </div>
  )
}
