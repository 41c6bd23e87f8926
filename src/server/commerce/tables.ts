export interface OrdersTable {
  id: string
  /** The product post; may since have been deleted, so title, image and price are copied here. */
  post_id: string
  seller_id: string
  buyer_id: string
  title: string
  media_id: string | null
  quantity: number
  unit_price: number
  total: number
  /** created | paid | shipped | completed | refunded | closed */
  status: string
  /** Whose money is in escrow: the buyer, or the friend who paid for them (代付). */
  payer_id: string | null
  /** The pending ledger transfer payer → escrow. */
  hold_id: string | null
  pay_friend_id: string | null
  pay_request_expires_at: number | null
  shipping_address: string | null
  tracking_note: string | null
  refund_reason: string | null
  refund_requested: number
  /** created: when an unpaid order closes and its stock returns. */
  expires_at: number | null
  /** shipped: when it completes by itself; null while a refund request pauses the clock. */
  auto_confirm_at: number | null
  /** While paused: the time the clock still had. */
  auto_confirm_paused_ms: number | null
  created_at: number
  updated_at: number
}

export interface OrderEventsTable {
  order_id: string
  seq: number
  /** A status, or refund_requested / refund_declined / pay_requested. */
  event: string
  /** null: the scheduler. */
  actor_id: string | null
  at: number
}

export interface CommerceTables {
  orders: OrdersTable
  order_events: OrderEventsTable
}
