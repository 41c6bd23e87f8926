import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useGroups } from '../../api/groups.js'
import { Avatar } from '../../components/avatar.js'
import { EmptyState } from '../../components/empty-state.js'
import { ChevronRightIcon, PlusIcon, UsersIcon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'

/** 群聊: my groups, and 发起群聊. */
export function GroupsPage() {
  const { t } = useTranslation()
  const groups = useGroups()
  const items = groups.data?.items ?? []
  return (
    <div className="page">
      <PageHeader
        title={t('groups.title')}
        backTo="/friends"
        action={
          <Link className="icon-button" to="/groups/new" aria-label={t('groups.create')}>
            <PlusIcon />
          </Link>
        }
      />
      {groups.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : groups.isError ? (
        <p className="list-end">{groups.error.message}</p>
      ) : items.length === 0 ? (
        <>
          <EmptyState icon={<UsersIcon size={40} />} title={t('groups.emptyTitle')} body={t('groups.emptyBody')} />
          <Link className="button button--primary button--block" to="/groups/new">
            <span>{t('groups.create')}</span>
          </Link>
        </>
      ) : (
        <section className="card list">
          <ul className="people-list">
            {items.map((group) => (
              <li key={group.id}>
                <Link className="person-row" to={`/groups/${encodeURIComponent(group.id)}`} data-testid="group">
                  <span className="group-avatars" aria-hidden="true">
                    {group.members.slice(0, 4).map((member) => (
                      <Avatar key={member.id} name={member.displayName} url={member.avatarUrl} size={20} />
                    ))}
                  </span>
                  <span className="person-row__text">
                    <span className="person-row__name">{group.name}</span>
                    <span className="person-row__detail">
                      {t('groups.memberCount', { count: group.members.length })}
                    </span>
                  </span>
                  <ChevronRightIcon size={18} className="person-row__chevron" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
