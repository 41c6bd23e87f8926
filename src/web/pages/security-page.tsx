import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRevokeOtherSessions, useRevokeSession, useSessions } from '../api/accounts.js'
import type { Session } from '../api/types.js'
import { Button } from '../components/button.js'
import { ConfirmSheet } from '../components/confirm-sheet.js'
import { FormAlert } from '../components/form-alert.js'
import { LockIcon, PhoneIcon } from '../components/icons.js'
import { ListRow } from '../components/list-row.js'
import { PageHeader } from '../components/page-header.js'
import { Spinner } from '../components/spinner.js'
import { useFormat } from '../lib/use-format.js'
import { describeUserAgent } from '../lib/user-agent.js'

/** 账号安全: the password, and every device signed in, each of which can be signed out from here. */
export function SecurityPage() {
  const { t } = useTranslation()
  const sessions = useSessions()
  const revokeOthers = useRevokeOtherSessions()
  const [confirmOthers, setConfirmOthers] = useState(false)
  const items = sessions.data ?? []
  const others = items.filter((session) => !session.current).length

  return (
    <div className="page">
      <PageHeader title={t('security.title')} backTo="/me" />
      <section className="card list">
        <ListRow
          icon={<LockIcon size={20} />}
          label={t('security.password')}
          to="/me/password"
          action={t('security.change')}
        />
      </section>

      <section className="card list" aria-labelledby="sessions-heading">
        <h2 className="list__heading" id="sessions-heading">
          {t('security.sessions')}
        </h2>
        {sessions.isPending ? (
          <div className="list-end">
            <Spinner label={t('common.loading')} />
          </div>
        ) : sessions.isError ? (
          <p className="list-end">{sessions.error.message}</p>
        ) : (
          <ul className="people-list">
            {items.map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </ul>
        )}
        <p className="list__body muted">{t('security.sessionsHint')}</p>
      </section>

      {others > 0 && (
        <Button variant="secondary" block onClick={() => setConfirmOthers(true)}>
          {t('security.revokeOthers')}
        </Button>
      )}
      <ConfirmSheet
        open={confirmOthers}
        title={t('security.revokeOthersTitle')}
        body={t('security.revokeOthersBody', { count: others })}
        confirmLabel={t('security.revokeOthers')}
        pending={revokeOthers.isPending}
        error={revokeOthers.error}
        onConfirm={() => revokeOthers.mutate(undefined, { onSuccess: () => setConfirmOthers(false) })}
        onClose={() => setConfirmOthers(false)}
      />
    </div>
  )
}

function SessionRow({ session }: { session: Session }) {
  const { t } = useTranslation()
  const format = useFormat()
  const revoke = useRevokeSession()
  const device = describeUserAgent(session.userAgent) ?? t('security.unknownDevice')
  const seen = session.current
    ? t('security.activeNow')
    : t('security.lastSeen', { when: format.age(session.lastSeenAt) ?? t('security.justNow') })
  return (
    <li className="person-row person-row--static" data-testid="session">
      <span className="session-row__icon" aria-hidden="true">
        <PhoneIcon size={22} />
      </span>
      <span className="person-row__text">
        <span className="person-row__name">
          {device}
          {session.current && <span className="badge badge--brand">{t('security.thisDevice')}</span>}
        </span>
        <span className="person-row__detail">
          {[seen, session.address, t('security.signedIn', { when: format.time(session.createdAt) })]
            .filter(Boolean)
            .join(' · ')}
        </span>
        <FormAlert message={revoke.error?.message} />
      </span>
      {!session.current && (
        <Button
          variant="secondary"
          className="person-row__button"
          pending={revoke.isPending}
          onClick={() => revoke.mutate(session.id)}
          aria-label={t('security.revokeOne', { device })}
        >
          {t('security.revoke')}
        </Button>
      )}
    </li>
  )
}
