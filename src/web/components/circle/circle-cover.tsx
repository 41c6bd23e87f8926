import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { usePendingRequestCount } from '../../api/friends.js'
import type { Me } from '../../api/types.js'
import { Avatar } from '../avatar.js'
import { UsersIcon } from '../icons.js'

/** The top of the Life Circle: a cover with my name and avatar, and the way to my friends (new requests counted). */
export function CircleCover({ me }: { me: Me }) {
  const { t } = useTranslation()
  const pending = usePendingRequestCount()
  return (
    <section className="circle-cover" aria-label={t('circle.cover')}>
      <Link className="circle-cover__friends" to="/friends" state={{ back: '/circle' }}>
        <UsersIcon size={18} />
        {t('circle.friends')}
        {pending > 0 && (
          <span className="count-badge" aria-label={t('friends.newRequests', { count: pending })}>
            {pending}
          </span>
        )}
      </Link>
      <div className="circle-cover__me">
        <p className="circle-cover__name">{me.displayName}</p>
        <Avatar name={me.displayName} url={me.avatarUrl} size={68} />
      </div>
    </section>
  )
}
