import type { Product } from '../../shared/api/feed.js'
import { parseYuanToFen } from './money.js'

/** The API's limits on a product listing. */
export const PRODUCT_PRICE_MAX = 5_000_000
export const PRODUCT_STOCK_MAX = 100_000

export type ProductProblem =
  | { field: 'title'; problem: 'required' }
  | { field: 'price'; problem: 'invalid' | 'tooHigh' }
  | { field: 'stock'; problem: 'invalid' }

/** The product as the API takes it (price in fen by string arithmetic), or every field's problem. */
export function checkProduct(draft: {
  title: string
  price: string
  stock: string
  description: string
}): { product: Product } | { problems: ProductProblem[] } {
  const problems: ProductProblem[] = []
  const title = draft.title.trim()
  if (!title) problems.push({ field: 'title', problem: 'required' })
  const price = parseYuanToFen(draft.price)
  if (price === undefined || price <= 0) problems.push({ field: 'price', problem: 'invalid' })
  else if (price > PRODUCT_PRICE_MAX) problems.push({ field: 'price', problem: 'tooHigh' })
  const stockText = draft.stock.trim()
  const stock = /^\d{1,6}$/.test(stockText) ? Number(stockText) : NaN
  if (!(stock >= 0 && stock <= PRODUCT_STOCK_MAX)) problems.push({ field: 'stock', problem: 'invalid' })
  if (problems.length > 0 || price === undefined) return { problems }
  const description = draft.description.trim()
  return { product: { title, price, stock, ...(description ? { description } : {}) } }
}
