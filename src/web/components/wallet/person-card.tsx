import type { ReactNode } from 'react'
import type { UserSummary } from '../../../shared/api/accounts.js'
import { maskPhone } from '../../lib/format.js'
import { Avatar } from '../avatar.js'

/** Who the money goes to or comes from: display name, masked real name and, when known, the masked phone. */
export function PersonCard({
  person,
  phone,
  action,
}: {
  person: Pick<UserSummary, 'displayName'> & { maskedName?: string | null; avatarUrl?: string | null }
  phone?: string | undefined
  action?: ReactNode
}) {
  return (
    <div className="person-card">
      <Avatar name={person.displayName} url={person.avatarUrl} size={44} />
      <div className="person-card__text">
        <p className="person-card__name" data-testid="person-name">
          {person.displayName}
          {person.maskedName ? ` (${person.maskedName})` : ''}
        </p>
        {phone && <p className="person-card__phone">{maskPhone(phone)}</p>}
      </div>
      {action}
    </div>
  )
}
