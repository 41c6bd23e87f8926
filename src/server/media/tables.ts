export interface MediaTable {
  id: string
  owner_id: string
  created_at: number
}

export interface MediaTables {
  media: MediaTable
}
