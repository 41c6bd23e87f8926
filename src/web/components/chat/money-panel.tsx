import type { ReactNode } from 'react'

export interface MoneyAction {
  key: string
  label: string
  icon: ReactNode
  onSelect: () => void
}

/** The ➕ panel under the composer, as WeChat's: a grid of square tiles, each a way to put money into the chat. */
export function MoneyPanel({ actions, label }: { actions: MoneyAction[]; label: string }) {
  return (
    <div className="money-panel" role="group" aria-label={label}>
      {actions.map((action) => (
        <button key={action.key} type="button" className="money-panel__tile" onClick={action.onSelect}>
          <span className="money-panel__icon">{action.icon}</span>
          <span className="money-panel__label">{action.label}</span>
        </button>
      ))}
    </div>
  )
}
