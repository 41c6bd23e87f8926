import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Purchase } from '../../api/commerce-types.js'
import { useFormat } from '../../lib/use-format.js'
import { ChevronRightIcon, TagIcon } from '../icons.js'

/** 晒单: what a friend bought, linking to the product post; the price only if they chose to show it. */
export function PurchaseCard({ purchase }: { purchase: Purchase }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <Link
      className="purchase-card"
      data-testid="purchase-card"
      to={`/circle/posts/${encodeURIComponent(purchase.productPostId)}`}
      aria-label={`${t('circle.bought')} ${purchase.title}`}
    >
      {purchase.image ? (
        <img className="purchase-card__image" src={purchase.image.thumbnailUrl} alt="" loading="lazy" />
      ) : (
        <span className="purchase-card__image purchase-card__image--empty" aria-hidden="true">
          <TagIcon size={22} />
        </span>
      )}
      <span className="purchase-card__text">
        <span className="purchase-card__label">{t('circle.bought')}</span>
        <span className="purchase-card__title">{purchase.title}</span>
        {purchase.price !== undefined && <span className="purchase-card__price">{format.money(purchase.price)}</span>}
      </span>
      <ChevronRightIcon size={18} className="purchase-card__chevron" />
    </Link>
  )
}
