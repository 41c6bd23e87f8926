import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CardView } from '../../../shared/api/chat.js'
import { useIou } from '../../api/ious.js'
import { useFormat } from '../../lib/use-format.js'
import { IouNoteIcon } from './money-icons.js'

/** 借条 in the direct chat: the amount, the purpose, and its state as it moves from requested to repaid. */
export function IouCard({ card }: { card: CardView }) {
  const { t } = useTranslation()
  const format = useFormat()
  const iou = useIou(card.id).data
  const done = iou !== undefined && (iou.status === 'repaid' || iou.status === 'declined')
  return (
    <Link
      to={`/ious/${encodeURIComponent(card.id)}`}
      className={`money-card money-card--iou${done ? ' money-card--done' : ''}`}
      data-testid="iou-card"
      data-status={iou?.status ?? 'unknown'}
    >
      <span className="money-card__main">
        <IouNoteIcon size={36} className="money-card__icon" />
        <span className="money-card__text">
          <span className="money-card__amount">{format.money(card.amount ?? 0)}</span>
          <span className="money-card__state">{card.text || t('iou.noPurpose')}</span>
        </span>
      </span>
      <span className="money-card__footer">
        <span>{t('money.iou')}</span>
        {iou && <span data-testid="iou-card-status">{t(`iou.status.${iou.status}`)}</span>}
      </span>
    </Link>
  )
}
