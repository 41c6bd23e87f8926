export interface PaymentRequestsTable {
  id: string
  /** Who asks to be paid (收錢). */
  requester_id: string
  /** Who is asked to pay (交錢). */
  payer_id: string
  amount: number
  note: string | null
  status: string
  transfer_id: string | null
  created_at: number
  settled_at: number | null
}

export interface WalletTables {
  payment_requests: PaymentRequestsTable
}
