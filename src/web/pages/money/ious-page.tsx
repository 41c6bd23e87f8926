import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { IOU_ROLES, useIous, type IouRole } from '../../api/ious.js'
import { IouNoteIcon } from '../../components/chat/money-icons.js'
import { MoneyList, RoleTabs, useRoleTab } from '../../components/money/money-list.js'
import { PageHeader } from '../../components/page-header.js'
import { useFormat } from '../../lib/use-format.js'
import '../../styles/money-pages.css'

/** 借条: what I borrowed and what I lent, newest first. */
export function IousPage() {
  const { t } = useTranslation()
  const [role, setRole] = useRoleTab(IOU_ROLES)
  return (
    <div className="page">
      <PageHeader title={t('iou.listTitle')} backTo="/me" />
      <RoleTabs
        roles={IOU_ROLES}
        role={role}
        onRole={setRole}
        label={t('iou.listTitle')}
        labelOf={(option) => t(`iou.role.${option}`)}
      />
      <IouList key={role} role={role} />
    </div>
  )
}

function IouList({ role }: { role: IouRole }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <MoneyList
      query={useIous(role)}
      empty={{ icon: <IouNoteIcon size={40} />, title: t('iou.empty'), body: t('iou.emptyBody') }}
      row={(iou) => (
        <li key={iou.id}>
          <Link className="money-row" to={`/ious/${encodeURIComponent(iou.id)}`} data-testid="money-row">
            <span className="money-row__main">
              <span className="money-row__title">
                {role === 'borrower'
                  ? t('iou.fromLender', { name: iou.lender.displayName })
                  : t('iou.toBorrower', { name: iou.borrower.displayName })}
              </span>
              <span className="money-row__sub">
                {t('iou.dueOn', { date: iou.dueDate })}
                {iou.purpose ? ` · ${iou.purpose}` : ''}
              </span>
            </span>
            <span className="money-row__end">
              <span className="money-row__amount">{format.money(iou.amount)}</span>
              <span className={`money-tag money-tag--${iou.status}`}>{t(`iou.status.${iou.status}`)}</span>
            </span>
          </Link>
        </li>
      )}
    />
  )
}
