export interface CollectionsTable {
  id: string
  group_id: string
  conversation_id: string
  collector_id: string
  title: string
  /** fen: the sum of every member's share. */
  total: number
  member_count: number
  paid_count: number
  paid_amount: number
  /** open | completed | closed */
  status: string
  closed_at: number | null
  created_at: number
}

export interface CollectionMembersTable {
  collection_id: string
  user_id: string
  position: number
  amount: number
  paid_at: number | null
  transfer_id: string | null
  reminders_muted: number
  /** When the reminder is due; null once sent, or when none will be. */
  remind_at: number | null
  reminded_at: number | null
  created_at: number
}

export interface CollectionTables {
  collections: CollectionsTable
  collection_members: CollectionMembersTable
}
