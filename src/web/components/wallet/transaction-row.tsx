import { useTranslation } from 'react-i18next'
import type { TransactionView } from '../../../shared/api/wallet.js'
import { useFormat } from '../../lib/use-format.js'
import { CategoryIcon } from './category-icon.js'

/** One line of the history: who or what, note and time on the left; the signed amount on the right. */
export function TransactionRow({ transaction }: { transaction: TransactionView }) {
  const { t } = useTranslation()
  const format = useFormat()
  const { category, counterparty, note, status, amount } = transaction
  const categoryName = t(`categories.${category}`)
  const title = counterparty?.displayName || categoryName
  const details = [counterparty ? categoryName : null, note].filter(Boolean).join(' · ')
  const direction = amount > 0 ? 'in' : 'out'
  return (
    <li className="tx-row" data-testid="transaction">
      <CategoryIcon category={category} />
      <div className="tx-row__main">
        <p className="tx-row__title">{title}</p>
        {details && <p className="tx-row__details">{details}</p>}
        <p className="tx-row__time">
          <time dateTime={transaction.createdAt}>{format.time(transaction.createdAt)}</time>
          {transaction.sandbox && <span className="badge badge--sandbox">{t('wallet.sandbox')}</span>}
        </p>
      </div>
      <div className="tx-row__side">
        <p
          className={`tx-row__amount tx-row__amount--${direction}${status === 'voided' ? ' tx-row__amount--voided' : ''}`}
        >
          {format.money(amount, { signed: true })}
        </p>
        {status !== 'completed' && <span className={`badge badge--${status}`}>{t(`history.status.${status}`)}</span>}
      </div>
    </li>
  )
}
