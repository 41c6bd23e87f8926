export interface RedPacketsTable {
  id: string
  conversation_id: string
  sender_id: string
  /** lucky | equal */
  type: string
  total: number
  count: number
  greeting: string
  /** JSON array of every share in fen, drawn when the packet is made; claims take them in order. */
  shares: string
  claimed_count: number
  claimed_amount: number
  /** active | finished | expired */
  status: string
  expires_at: number
  settled_at: number | null
  created_at: number
}

export interface RedPacketClaimsTable {
  packet_id: string
  user_id: string
  share_index: number
  amount: number
  claimed_at: number
}

export interface RedPacketTables {
  red_packets: RedPacketsTable
  red_packet_claims: RedPacketClaimsTable
}
