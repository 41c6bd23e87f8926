import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PostView } from '../../../shared/api/feed.js'
import type { Listing } from '../../api/commerce-types.js'
import { useFormat } from '../../lib/use-format.js'
import { TagIcon } from '../icons.js'
import { ListingSheet } from './listing-sheet.js'

/** Units a friend can still order: none once the seller takes the listing off sale. */
export function unitsForSale(product: Listing): number {
  return product.delisted ? 0 : product.stock
}

/**
 * A product listing inside a post: clearly labelled, with price and what is left. A friend gets 购买; the seller
 * gets 编辑 (price, stock, off sale).
 */
export function ProductCard({ post, mine }: { post: PostView & { product: Listing }; mine: boolean }) {
  const { t } = useTranslation()
  const format = useFormat()
  const [editing, setEditing] = useState(false)
  const { product } = post
  const available = unitsForSale(product) > 0
  const state = product.delisted ? t('circle.delisted') : product.stock === 0 ? t('circle.soldOut') : null

  return (
    <section
      className={`product-card${available ? '' : ' product-card--unavailable'}`}
      data-testid="product-card"
      aria-label={t('circle.product')}
    >
      <p className="product-card__label">
        <TagIcon size={14} />
        {t('circle.product')}
      </p>
      <p className="product-card__title">{product.title}</p>
      {product.description && <p className="product-card__description">{product.description}</p>}
      <div className="product-card__footer">
        <span className="product-card__price" data-testid="product-price">
          {format.money(product.price)}
        </span>
        <span className={`product-card__stock${state ? ' product-card__stock--out' : ''}`} data-testid="product-stock">
          {state ?? t('circle.stock', { count: product.stock })}
        </span>
        <span className="product-card__spacer" />
        {mine ? (
          <button
            type="button"
            className="product-card__action product-card__action--edit"
            onClick={() => setEditing(true)}
          >
            {t('circle.editListing')}
          </button>
        ) : available ? (
          <Link className="product-card__action" to={`/circle/posts/${encodeURIComponent(post.id)}/buy`}>
            {t('circle.buy')}
          </Link>
        ) : null}
      </div>
      {mine && (
        <ListingSheet
          key={String(editing)}
          open={editing}
          postId={post.id}
          product={product}
          onClose={() => setEditing(false)}
        />
      )}
    </section>
  )
}
