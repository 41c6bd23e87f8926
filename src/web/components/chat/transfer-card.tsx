import { useTranslation } from 'react-i18next'
import type { CardView } from '../../../shared/api/chat.js'
import { useFormat } from '../../lib/use-format.js'
import { ReceivedIcon } from './money-icons.js'

/**
 * 转账 in the history, orange as WeChat's. A chat transfer lands at once (nothing waits to be accepted), so the
 * receiver's card says 已收款 and the sender's 已被接收 from the start.
 */
export function TransferCard({ card, mine }: { card: CardView; mine: boolean }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <div className="money-card money-card--transfer money-card--done" data-testid="transfer-card">
      <span className="money-card__main">
        <ReceivedIcon size={36} className="money-card__icon" />
        <span className="money-card__text">
          <span className="money-card__amount" data-testid="transfer-amount">
            {format.money(card.amount ?? 0)}
          </span>
          <span className="money-card__state">
            {card.text || t(mine ? 'money.transferSent' : 'money.transferToYou')}
          </span>
        </span>
      </span>
      <span className="money-card__footer">
        <span>{t('money.transfer')}</span>
        <span data-testid="transfer-status">{t(mine ? 'money.accepted' : 'money.received')}</span>
      </span>
    </div>
  )
}
