import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { COLLECTION_ROLES, useCollections, type CollectionRole } from '../../api/collections.js'
import { CollectIcon } from '../../components/chat/money-icons.js'
import { MoneyList, RoleTabs, useRoleTab } from '../../components/money/money-list.js'
import { PageHeader } from '../../components/page-header.js'
import { useFormat } from '../../lib/use-format.js'
import '../../styles/money-pages.css'

/** 群收款: those I was asked to pay and those I started, newest first. */
export function CollectionsPage() {
  const { t } = useTranslation()
  const [role, setRole] = useRoleTab(COLLECTION_ROLES)
  return (
    <div className="page">
      <PageHeader title={t('collection.listTitle')} backTo="/me" />
      <RoleTabs
        roles={COLLECTION_ROLES}
        role={role}
        onRole={setRole}
        label={t('collection.listTitle')}
        labelOf={(option) => t(`collection.role.${option}`)}
      />
      <CollectionList key={role} role={role} />
    </div>
  )
}

function CollectionList({ role }: { role: CollectionRole }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <MoneyList
      query={useCollections(role)}
      empty={{ icon: <CollectIcon size={40} />, title: t('collection.empty'), body: t('collection.emptyBody') }}
      row={(collection) => (
        <li key={collection.id}>
          <Link className="money-row" to={`/collections/${encodeURIComponent(collection.id)}`} data-testid="money-row">
            <span className="money-row__main">
              <span className="money-row__title">{collection.title}</span>
              <span className="money-row__sub">
                {t('collection.by', { name: collection.collector.displayName })} ·{' '}
                {t('collection.paidCount', { paid: collection.paidCount, all: collection.memberCount })}
              </span>
            </span>
            <span className="money-row__end">
              <span className="money-row__amount">
                {format.money(collection.mine ? collection.mine.amount : collection.total)}
              </span>
              <span className="money-row__sub">
                {collection.mine?.paid ? t('collection.youPaidShort') : t(`collection.status.${collection.status}`)}
              </span>
            </span>
          </Link>
        </li>
      )}
    />
  )
}
