import { monotonicFactory } from 'ulid'
import type { ConversationMembersTable, ConversationsTable } from '../../src/server/chat/tables.js'
import type { GroupMembersTable, GroupsTable } from '../../src/server/social/tables.js'
import { FeedDataset, seeded, type SocialRows } from '../feed/dataset.js'

/** A conversation as the load generator needs it: who is in it (by user index) and whether it is a group. */
export interface BenchConversation {
  id: string
  group: boolean
  members: number[]
}

export interface ChatRows {
  groups: GroupsTable[]
  groupMembers: GroupMembersTable[]
  conversations: ConversationsTable[]
  members: ConversationMembersTable[]
}

export const GROUP_SIZE = 50
const DAY_MS = 86_400_000

/**
 * The chat bench's data. Users, sessions and friendships are the feed bench's (its circulant friend graph, without
 * its blocks: a block would refuse direct messages); on top of them:
 * - direct conversations between each user and their `directsPerUser` nearest friends on one side (u, u+1, …),
 *   so every user is in 2 × directsPerUser of them;
 * - groups of 50 (an owner and 49 of the owner's friends), enough that each user is in about `groupsPerUser`,
 *   each with its group conversation and its 50 conversation members, as the app keeps them.
 */
export class ChatDataset {
  readonly social: FeedDataset
  readonly conversations: BenchConversation[] = []
  private readonly random = seeded(20_250_101)

  constructor(
    readonly users: number,
    friends: number,
    readonly directsPerUser: number,
    readonly groupsPerUser: number,
    nowMs: number,
  ) {
    if (friends < GROUP_SIZE) throw new Error(`friends must be at least ${GROUP_SIZE}`)
    this.social = new FeedDataset(users, friends, 0, nowMs)
  }

  get tokens(): string[] {
    return this.social.tokens
  }

  socialRows(passwordHash: string, nowMs: number): SocialRows {
    return { ...this.social.social(passwordHash, nowMs), blocks: [] }
  }

  chatRows(nowMs: number): ChatRows {
    const ids = monotonicFactory(this.random)
    const userIds = this.social.userIds
    const createdAt = nowMs - DAY_MS
    const rows: ChatRows = { groups: [], groupMembers: [], conversations: [], members: [] }
    const addConversation = (row: ConversationsTable, members: number[]) => {
      rows.conversations.push(row)
      for (const m of members) {
        rows.members.push({
          conversation_id: row.id,
          user_id: userIds[m]!,
          last_read_seq: 0,
          last_delivered_seq: 0,
          created_at: createdAt,
        })
      }
      this.conversations.push({ id: row.id, group: row.kind === 'group', members })
    }
    for (let u = 0; u < this.users; u++) {
      for (let d = 1; d <= this.directsPerUser; d++) {
        const peer = (u + d) % this.users
        const key = [userIds[u]!, userIds[peer]!].sort().join(':')
        const row = { id: ids(createdAt), kind: 'direct', direct_key: key, group_id: null }
        addConversation({ ...row, last_seq: 0, last_message_at: createdAt, created_at: createdAt }, [u, peer])
      }
    }
    const groups = Math.max(1, Math.round((this.users * this.groupsPerUser) / GROUP_SIZE))
    for (let g = 0; g < groups; g++) {
      const owner = Math.floor((g * this.users) / groups)
      const friends = this.social.friendsOf(owner)
      const members = new Set([owner])
      while (members.size < GROUP_SIZE) members.add(friends[Math.floor(this.random() * friends.length)]!)
      const group = { id: ids(createdAt), name: `群${g}`, owner_id: userIds[owner]!, created_at: createdAt }
      const conversationId = ids(createdAt)
      rows.groups.push({ ...group, conversation_id: conversationId })
      for (const m of members)
        rows.groupMembers.push({ group_id: group.id, user_id: userIds[m]!, joined_at: createdAt })
      addConversation(
        {
          id: conversationId,
          kind: 'group',
          direct_key: null,
          group_id: group.id,
          last_seq: 0,
          last_message_at: createdAt,
          created_at: createdAt,
        },
        [...members],
      )
    }
    return rows
  }
}
