import { useTranslation } from 'react-i18next'
import { useMe, useLogout } from '../api/accounts.js'
import { usePendingRequestCount } from '../api/friends.js'
import type { Me } from '../api/types.js'
import { Button } from '../components/button.js'
import { FormAlert } from '../components/form-alert.js'
import {
  BagIcon,
  GlobeIcon,
  LockIcon,
  LogoutIcon,
  PhoneIcon,
  ShieldIcon,
  UserPlusIcon,
  UsersIcon,
} from '../components/icons.js'
import { LanguageSwitch } from '../components/language-switch.js'
import { CollectIcon, IouNoteIcon } from '../components/chat/money-icons.js'
import { ListRow } from '../components/list-row.js'
import { NotificationBell } from '../components/notification-bell.js'
import { PageHeader } from '../components/page-header.js'
import { ProfileCard } from '../components/profile-card.js'

export function MePage() {
  const { t } = useTranslation()
  const me = useMe().data
  const logout = useLogout()
  const pending = usePendingRequestCount()
  if (!me) return null

  return (
    <div className="page">
      <PageHeader leading={<NotificationBell />} title={t('me.title')} />
      <ProfileCard me={me} />

      <section className="card list" aria-labelledby="security-heading">
        <h2 className="list__heading" id="security-heading">
          {t('me.security')}
        </h2>
        <RealNameRow me={me} />
        <ListRow
          icon={<LockIcon size={20} />}
          label={t('me.pin')}
          value={<span className="muted">{me.hasPin ? '••••••' : t('me.pinNotSet')}</span>}
          to="/me/pin"
          action={me.hasPin ? t('me.pinChange') : t('me.pinSet')}
        />
        <ListRow icon={<PhoneIcon size={20} />} label={t('me.devices')} to="/me/security" />
      </section>

      <section className="card list" aria-labelledby="social-heading">
        <h2 className="list__heading" id="social-heading">
          {t('me.social')}
        </h2>
        <ListRow
          icon={<UserPlusIcon size={20} />}
          label={t('friends.title')}
          value={
            pending > 0 && (
              <span className="count-badge" aria-label={t('friends.newRequests', { count: pending })}>
                {pending}
              </span>
            )
          }
          to="/friends"
        />
        <ListRow icon={<UsersIcon size={20} />} label={t('groups.title')} to="/groups" />
      </section>

      <section className="card list" aria-labelledby="shopping-heading">
        <h2 className="list__heading" id="shopping-heading">
          {t('me.shopping')}
        </h2>
        <ListRow icon={<BagIcon size={20} />} label={t('me.orders')} to="/orders" />
      </section>

      <section className="card list" aria-labelledby="friends-money-heading">
        <h2 className="list__heading" id="friends-money-heading">
          {t('me.friendsMoney')}
        </h2>
        <ListRow icon={<CollectIcon size={20} />} label={t('me.collections')} to="/collections" />
        <ListRow icon={<IouNoteIcon size={20} />} label={t('me.ious')} to="/ious" />
      </section>

      <section className="card list" aria-labelledby="preferences-heading">
        <h2 className="list__heading" id="preferences-heading">
          {t('me.preferences')}
        </h2>
        <ListRow icon={<GlobeIcon size={20} />} label={t('me.language')} />
        <div className="list__body">
          <LanguageSwitch />
        </div>
      </section>

      <FormAlert message={logout.error?.message} />
      <Button variant="secondary" block className="logout" pending={logout.isPending} onClick={() => logout.mutate()}>
        <LogoutIcon size={18} />
        {t('me.logout')}
      </Button>
    </div>
  )
}

function RealNameRow({ me }: { me: Me }) {
  const { t } = useTranslation()
  if (me.realName.verified) {
    return (
      <ListRow
        icon={<ShieldIcon size={20} />}
        label={t('me.realName')}
        value={
          <>
            <span data-testid="masked-name">{me.realName.maskedName}</span>
            <span className="badge badge--success">{t('me.realNameVerified')}</span>
          </>
        }
      />
    )
  }
  return (
    <ListRow
      icon={<ShieldIcon size={20} />}
      label={t('me.realName')}
      value={<span className="muted">{t('me.realNameNotVerified')}</span>}
      to="/me/real-name"
      action={t('me.realNameVerify')}
    />
  )
}
