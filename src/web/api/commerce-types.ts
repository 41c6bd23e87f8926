import type { OrderView } from '../../shared/api/commerce.js'

export type { OrderStatus, OrderView } from '../../shared/api/commerce.js'
export type { ProductView as Listing, PurchaseView as Purchase } from '../../shared/api/feed.js'

export type OrderRole = OrderView['role']
export const ORDER_ROLES: readonly OrderRole[] = ['buyer', 'seller', 'payer']

/** What the seller may change on a listing. */
export interface ListingPatch {
  price?: number
  stock?: number
  delisted?: boolean
}
