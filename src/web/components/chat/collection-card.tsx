import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CardView } from '../../../shared/api/chat.js'
import { useCollection } from '../../api/collections.js'
import { useFormat } from '../../lib/use-format.js'
import { CollectIcon } from './money-icons.js'

/**
 * 群收款 in the history: the title, the share when every member pays the same, and where it stands — for a member
 * whether they paid, for the collector how many have. A group member who was not asked sees only the card.
 */
export function CollectionCard({ card }: { card: CardView }) {
  const { t } = useTranslation()
  const format = useFormat()
  const collection = useCollection(card.id).data
  const done = collection !== undefined && (collection.status !== 'open' || collection.mine?.paid === true)
  const state = !collection
    ? null
    : collection.mine
      ? t(collection.mine.paid ? 'collection.youPaid' : 'collection.youOwe', {
          amount: format.money(collection.mine.amount),
        })
      : t('collection.paidCount', { paid: collection.paidCount, all: collection.memberCount })
  return (
    <Link
      to={`/collections/${encodeURIComponent(card.id)}`}
      className={`money-card money-card--collection${done ? ' money-card--done' : ''}`}
      data-testid="collection-card"
      data-status={collection?.status ?? 'unknown'}
    >
      <span className="money-card__main">
        <CollectIcon size={36} className="money-card__icon" />
        <span className="money-card__text">
          <span className="money-card__title">{card.text}</span>
          {card.amount !== null && <span className="money-card__amount">{format.money(card.amount)}</span>}
          {state && (
            <span className="money-card__state" data-testid="collection-card-state">
              {state}
            </span>
          )}
        </span>
      </span>
      <span className="money-card__footer">
        <span>{t('money.collection')}</span>
        {collection && collection.status !== 'open' && <span>{t(`collection.status.${collection.status}`)}</span>}
      </span>
    </Link>
  )
}
