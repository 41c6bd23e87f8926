import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { ChevronRightIcon } from './icons.js'

interface ListRowProps {
  icon: ReactNode
  label: string
  value?: ReactNode
  /** Makes the whole row a link, with a chevron and `action` as its call to action. */
  to?: string
  action?: string
}

export function ListRow({ icon, label, value, to, action }: ListRowProps) {
  const content = (
    <>
      <span className="list-row__icon">{icon}</span>
      <span className="list-row__label">{label}</span>
      <span className="list-row__value">{value}</span>
      {to && (
        <span className="list-row__action">
          {action}
          <ChevronRightIcon size={18} />
        </span>
      )}
    </>
  )
  return to ? (
    <Link className="list-row list-row--link" to={to}>
      {content}
    </Link>
  ) : (
    <div className="list-row">{content}</div>
  )
}
