import type { ReactNode } from 'react'
import type { MediaView } from '../../../shared/api/feed.js'
import { TagIcon } from '../icons.js'

interface ItemSummaryProps {
  title: string
  image: MediaView | null
  /** A line under the title: the seller, or the counterpart. */
  detail?: ReactNode
  price: string
  /** "×2" beside the price. */
  quantity?: string
}

/** A product as a list shows it: thumbnail, title (two lines at most), a detail line, price and quantity. */
export function ItemSummary({ title, image, detail, price, quantity }: ItemSummaryProps) {
  return (
    <div className="item-summary">
      {image ? (
        <img className="item-summary__image" src={image.thumbnailUrl} alt="" loading="lazy" />
      ) : (
        <span className="item-summary__image item-summary__image--empty" aria-hidden="true">
          <TagIcon size={24} />
        </span>
      )}
      <div className="item-summary__text">
        <p className="item-summary__title">{title}</p>
        {detail && <p className="item-summary__detail">{detail}</p>}
        <p className="item-summary__price">
          <span>{price}</span>
          {quantity && <span className="item-summary__quantity">{quantity}</span>}
        </p>
      </div>
    </div>
  )
}
