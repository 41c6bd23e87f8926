import { useTranslation } from 'react-i18next'
import { useBlocks, useUnblock } from '../../api/friends.js'
import { Avatar } from '../../components/avatar.js'
import { Button } from '../../components/button.js'
import { FormAlert } from '../../components/form-alert.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { useFormat } from '../../lib/use-format.js'

/** 黑名单: who I blocked, each with 移出黑名单. */
export function BlockedPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const blocks = useBlocks()
  const unblock = useUnblock()
  const items = blocks.data?.items ?? []

  return (
    <div className="page">
      <PageHeader title={t('friends.blocked')} backTo="/friends" />
      <section className="card list">
        {blocks.isPending ? (
          <div className="list-end">
            <Spinner label={t('common.loading')} />
          </div>
        ) : blocks.isError ? (
          <p className="list-end">{blocks.error.message}</p>
        ) : items.length === 0 ? (
          <p className="list-end">{t('friends.blockedEmpty')}</p>
        ) : (
          <ul className="people-list">
            {items.map((item) => {
              const name = item.user.displayName || t('friends.unknownPerson', { id: item.userId.slice(-6) })
              return (
                <li key={item.userId} className="person-row person-row--static" data-testid="blocked">
                  <Avatar name={name} url={item.user.avatarUrl} size={40} />
                  <span className="person-row__text">
                    <span className="person-row__name">{name}</span>
                    <span className="person-row__detail">
                      {t('friends.blockedOn', { date: format.time(item.blockedAt) })}
                    </span>
                  </span>
                  <Button
                    variant="secondary"
                    className="person-row__button"
                    pending={unblock.isPending && unblock.variables === item.userId}
                    onClick={() => unblock.mutate(item.userId)}
                  >
                    {t('friends.unblock')}
                  </Button>
                </li>
              )
            })}
          </ul>
        )}
        {unblock.error && (
          <div className="list__body">
            <FormAlert message={unblock.error.message} />
          </div>
        )}
      </section>
    </div>
  )
}
