export interface FriendRequestsTable {
  id: string
  from_user_id: string
  to_user_id: string
  message: string | null
  /** pending → accepted | declined; a new request may follow a declined one. */
  status: string
  created_at: number
  responded_at: number | null
}

/** One row per direction: A→B holds A's own settings about B. Both rows exist or neither. */
export interface FriendshipsTable {
  user_id: string
  friend_id: string
  /** A does not see B's posts (silent: B is never told). */
  mute_their_posts: number
  /** B does not see A's posts (silent). */
  hide_my_posts: number
  created_at: number
}

export interface BlocksTable {
  blocker_id: string
  blocked_id: string
  created_at: number
}

export interface GroupsTable {
  id: string
  name: string
  owner_id: string
  /** The group's chat, used by the chat module. */
  conversation_id: string
  created_at: number
}

export interface GroupMembersTable {
  group_id: string
  user_id: string
  joined_at: number
}

export interface SocialTables {
  friend_requests: FriendRequestsTable
  friendships: FriendshipsTable
  blocks: BlocksTable
  groups: GroupsTable
  group_members: GroupMembersTable
}
