import { useTranslation } from 'react-i18next'
import type { Product } from '../../../shared/api/feed.js'
import { useFormat } from '../../lib/use-format.js'
import { TagIcon } from '../icons.js'

/** A product listing inside a post: clearly labelled, with price and stock. Buying arrives with commerce. */
export function ProductCard({ product }: { product: Product }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <section className="product-card" data-testid="product-card" aria-label={t('circle.product')}>
      <p className="product-card__label">
        <TagIcon size={14} />
        {t('circle.product')}
      </p>
      <p className="product-card__title">{product.title}</p>
      {product.description && <p className="product-card__description">{product.description}</p>}
      <div className="product-card__footer">
        <span className="product-card__price">{format.money(product.price)}</span>
        <span className={`product-card__stock${product.stock === 0 ? ' product-card__stock--out' : ''}`}>
          {product.stock === 0 ? t('circle.soldOut') : t('circle.stock', { count: product.stock })}
        </span>
      </div>
    </section>
  )
}
