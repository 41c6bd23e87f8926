import { monotonicFactory } from 'ulid'
import type {
  ConversationsPage,
  ConversationView,
  MessagesPage,
  MessagesQuery,
  MessageView,
  SendMessageBody,
} from '../../shared/api/chat.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { Db } from '../db/database.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import type { MediaService } from '../media/service.js'
import type { Push } from '../realtime/push.js'
import type { GroupsService } from '../social/groups-service.js'
import type { SocialService } from '../social/service.js'
import {
  conversationsOf,
  conversationsWithMedia,
  ensureConversation,
  ensureMembers,
  findConversation,
  findDirect,
  isMemberRow,
  lastMessagesOf,
  markDelivered,
  markRead,
  membersOf,
  messagesAfter,
  messagesBefore,
  openableBy,
  type ConversationRow,
  type MessageRow,
} from './store.js'
import { messageView } from './view.js'
import type { MessageWriter } from './writer.js'

const newId = monotonicFactory()
const KINDS_REMEMBERED = 10_000

export interface ChatDeps {
  db: Db
  accounts: AccountsService
  social: SocialService
  groups: GroupsService
  media: MediaService
  push: Push
  /** Stores messages, many to a transaction. */
  writer: MessageWriter
  clock: () => number
  /** Unopened burn-after-reading messages are burned after this long (72 hours). */
  burnExpiryMs: number
}

/** A conversation the actor belongs to, with everyone in it now. */
export interface Membership {
  conversation: ConversationRow
  memberIds: string[]
  /** Groups: its name. */
  groupName: string | null
}

/**
 * Direct chats between friends and group chats. Every message is numbered within its conversation in commit order,
 * so a client that has seen number n has seen all before it and resumes from n without gaps or duplicates. Frames go
 * out only after the message is stored.
 */
export class ChatService {
  private readonly kinds = new Map<string, string>()

  constructor(private readonly deps: ChatDeps) {}

  /** The direct conversation with a friend, created the first time: `created` tells which. */
  async openDirect(actor: Actor, userId: string): Promise<{ conversation: ConversationView; created: boolean }> {
    if (userId === actor.id) throw new ValidationError('userId')
    await this.requireMayMessage(actor.id, userId)
    const key = [actor.id, userId].sort().join(':')
    let conversation = await findDirect(this.deps.db, key)
    const created = !conversation
    if (!conversation) {
      const now = this.deps.clock()
      await this.deps.db.transaction().execute(async (trx) => {
        const row = { id: newId(), kind: 'direct', direct_key: key, group_id: null, last_seq: 0 }
        await ensureConversation(trx, { ...row, last_message_at: now, created_at: now })
        conversation = (await findDirect(trx, key))!
        await ensureMembers(trx, conversation.id, [actor.id, userId], now)
      })
    }
    const [view] = await this.conversationViews(actor, [await this.membership(actor, conversation!.id)])
    return { conversation: view!, created }
  }

  async list(actor: Actor): Promise<ConversationsPage> {
    // Group chats exist from the group's creation on, whether anyone has written yet or not.
    const groups = await this.deps.groups.chatGroupsOf(actor.id)
    for (const group of groups) await this.ensureGroupConversation(group.conversationId, group.id, group.createdAt)
    const now = this.deps.clock()
    for (const group of groups) await ensureMembers(this.deps.db, group.conversationId, [actor.id], now)

    const inGroup = new Map(groups.map((g) => [g.conversationId, g]))
    const rows = (await conversationsOf(this.deps.db, actor.id)).filter((r) => r.kind === 'direct' || inGroup.has(r.id))
    const memberships = await Promise.all(
      rows.map(async (row): Promise<Membership> => {
        const group = inGroup.get(row.id)
        if (group) return { conversation: row, memberIds: group.memberIds, groupName: group.name }
        const members = await membersOf(this.deps.db, [row.id])
        return { conversation: row, memberIds: members.map((m) => m.user_id), groupName: null }
      }),
    )
    return { items: await this.conversationViews(actor, memberships), nextCursor: null }
  }

  async conversation(actor: Actor, conversationId: string): Promise<ConversationView> {
    const [view] = await this.conversationViews(actor, [await this.membership(actor, conversationId)])
    return view!
  }

  /**
   * Newest first, paging back by `cursor`; or, with `afterSeq`, oldest first from just after that number — how a
   * client that was away catches up. Reading marks the messages delivered to the reader.
   */
  async messages(actor: Actor, conversationId: string, query: MessagesQuery): Promise<MessagesPage> {
    const { conversation } = await this.membership(actor, conversationId)
    const limit = query.limit ?? 20
    const position = decodePosition(query.cursor) ?? (query.afterSeq !== undefined ? { after: query.afterSeq } : {})
    const rows =
      position.after !== undefined
        ? await messagesAfter(this.deps.db, conversation.id, position.after, limit + 1)
        : await messagesBefore(this.deps.db, conversation.id, position.before, limit + 1)
    const page = rows.slice(0, limit)
    const newest = Math.max(0, ...page.map((m) => m.seq))
    if (newest > 0) await markDelivered(this.deps.db, conversation.id, actor.id, newest)
    const last = page.at(-1)
    return {
      items: await this.messageViews(actor.id, page),
      nextCursor:
        rows.length > limit && last
          ? encodePosition(position.after !== undefined ? { after: last.seq } : { before: last.seq })
          : null,
    }
  }

  async send(actor: Actor, conversationId: string, body: SendMessageBody): Promise<MessageView> {
    const [membership, people] = await Promise.all([
      this.membership(actor, conversationId),
      this.deps.accounts.profiles([actor.id]),
    ])
    const { conversation, memberIds } = membership
    const text = body.text?.trim() ?? ''
    if (!text && !body.mediaId) throw new ValidationError('text', 'required')
    if (body.burnAfterReading && (!text || body.mediaId)) throw new ValidationError('burnAfterReading')
    if (conversation.kind === 'direct') {
      const peer = memberIds.find((id) => id !== actor.id)
      if (peer) await this.requireMayMessage(actor.id, peer)
    }
    const media = body.mediaId ? await this.ownImage(actor, body.mediaId) : []
    const now = this.deps.clock()
    const burn = body.burnAfterReading

    const stored = await this.deps.writer.submit({
      row: {
        id: newId(),
        conversation_id: conversation.id,
        sender_id: actor.id,
        kind: media.length > 0 ? 'image' : 'text',
        text: burn ? null : text || null,
        media_id: media[0]?.id ?? null,
        burn_seconds: burn?.seconds ?? null,
        burn_expires_at: burn ? now + this.deps.burnExpiryMs : null,
        burned_at: null,
        ref_id: null,
        amount: null,
        created_at: now,
      },
      group: conversation.kind === 'group',
      memberIds,
      secret: burn ? text : null,
    })
    if ('error' in stored) throw stored.error
    const { row, memberIds: told } = stored

    // The views come from what is known here, not from reads: a message just numbered n has been delivered to and
    // read by nobody else yet ('sent'), only its recipients may open it, and no await stands between the commit
    // and the push, so frames leave in number order.
    const parts = { people, media: new Map(media.map((m) => [m.id, m])), members: [] }
    const forSender = messageView(row, actor.id, { ...parts, openable: new Set() })
    const forOthers = messageView(row, '', { ...parts, openable: new Set(burn ? [row.id] : []) })
    const recipients = told.filter((id) => id !== actor.id)
    await Promise.all([
      this.deps.push.toUsers([actor.id], { type: 'message.new', data: forSender }),
      this.deps.push.toUsers(recipients, { type: 'message.new', data: forOthers }),
    ])
    return forSender
  }

  /** Everything up to `seq` has been read; the others are told, so that their messages show as read. */
  async read(actor: Actor, conversationId: string, seq: number): Promise<void> {
    const { conversation, memberIds } = await this.membership(actor, conversationId)
    const upTo = Math.min(seq, conversation.last_seq)
    await markRead(this.deps.db, conversation.id, actor.id, upTo)
    const others = memberIds.filter((id) => id !== actor.id)
    await this.deps.push.toUsers(others, {
      type: 'message.read',
      data: { conversationId: conversation.id, userId: actor.id, seq: upTo },
    })
  }

  /** A client acknowledges what reached it over the socket; the others are told, for their 已送达. */
  async delivered(actor: Actor, conversationId: string, seq: number): Promise<void> {
    const { conversation, memberIds } = await this.membership(actor, conversationId)
    const upTo = Math.min(seq, conversation.last_seq)
    await markDelivered(this.deps.db, conversation.id, actor.id, upTo)
    await this.deps.push.toUsers(
      memberIds.filter((id) => id !== actor.id),
      { type: 'message.delivered', data: { conversationId: conversation.id, userId: actor.id, seq: upTo } },
    )
  }

  /** True when the viewer is in a conversation where this image was sent. */
  async showsMedia(actor: Actor, mediaId: string): Promise<boolean> {
    for (const id of await conversationsWithMedia(this.deps.db, mediaId)) {
      const inIt = await this.membership(actor, id).then(
        () => true,
        () => false,
      )
      if (inIt) return true
    }
    return false
  }

  /** The conversation, if the actor is in it now; NOT_FOUND otherwise, so that others' chats stay unknown. */
  async membership(actor: Actor, conversationId: string): Promise<Membership> {
    const conversation = await findConversation(this.deps.db, conversationId)
    if (conversation?.kind === 'direct') {
      const memberIds = (await membersOf(this.deps.db, [conversation.id])).map((m) => m.user_id)
      if (!memberIds.includes(actor.id)) throw new NotFoundError()
      return { conversation, memberIds, groupName: null }
    }
    const group = await this.deps.groups.chatGroup(conversationId)
    if (!group?.memberIds.includes(actor.id)) throw new NotFoundError()
    if (conversation) return { conversation, memberIds: group.memberIds, groupName: group.name }
    // A group's conversation row is made the first time anyone needs it.
    await this.ensureGroupConversation(group.conversationId, group.id, group.createdAt)
    return {
      conversation: (await findConversation(this.deps.db, conversationId))!,
      memberIds: group.memberIds,
      groupName: group.name,
    }
  }

  /**
   * The conversation's kind, if the actor is in it now: like `membership` but without loading everyone in it, for hot
   * paths that only need a yes (a claim on a red packet in a group of thousands). Only for conversations that exist
   * already (a group's row is made when it is first opened).
   */
  async requireMember(actor: Actor, conversationId: string): Promise<Pick<ConversationRow, 'id' | 'kind'>> {
    const conversation = await this.kindOf(conversationId)
    if (!conversation) throw new NotFoundError()
    // A direct chat's members are its member rows; a group's are the group's members now (member rows outlive leaving).
    const member =
      conversation.kind === 'direct'
        ? await isMemberRow(this.deps.db, conversation.id, actor.id)
        : await this.deps.groups.isChatMember(conversation.id, actor.id)
    if (!member) throw new NotFoundError()
    return conversation
  }

  /** Everyone in a conversation now, for the server's own work (expiry). */
  async membersOfConversation(conversationId: string): Promise<string[]> {
    const group = await this.deps.groups.chatGroup(conversationId)
    if (group) return group.memberIds
    return (await membersOf(this.deps.db, [conversationId])).map((m) => m.user_id)
  }

  /** A conversation's kind never changes and its row is never deleted, so it is read once. */
  private async kindOf(conversationId: string): Promise<Pick<ConversationRow, 'id' | 'kind'> | undefined> {
    const known = this.kinds.get(conversationId)
    if (known) return { id: conversationId, kind: known }
    const conversation = await findConversation(this.deps.db, conversationId)
    if (!conversation) return undefined
    this.kinds.set(conversationId, conversation.kind)
    if (this.kinds.size > KINDS_REMEMBERED) this.kinds.delete(this.kinds.keys().next().value!)
    return { id: conversation.id, kind: conversation.kind }
  }

  private async ensureGroupConversation(id: string, groupId: string, createdAt: number): Promise<void> {
    await ensureConversation(this.deps.db, {
      id,
      kind: 'group',
      direct_key: null,
      group_id: groupId,
      last_seq: 0,
      last_message_at: createdAt,
      created_at: createdAt,
    })
  }

  private async ownImage(actor: Actor, mediaId: string) {
    try {
      return await this.deps.media.ownedViews(actor.id, [mediaId])
    } catch (error) {
      throw error instanceof ValidationError ? new ValidationError('mediaId') : error
    }
  }

  /** Friends who have not blocked each other, either way. */
  private async requireMayMessage(actorId: string, otherId: string): Promise<void> {
    const friends = await this.deps.social.areFriends(actorId, otherId)
    if (!friends || (await this.deps.social.isBlockedEitherWay(actorId, otherId))) throw new ForbiddenError()
  }

  async messageViews(viewerId: string, rows: MessageRow[], options: { openableByAll?: boolean } = {}) {
    const burnIds = rows.filter((r) => r.burn_seconds !== null && r.burned_at === null).map((r) => r.id)
    const [people, media, openable, members] = await Promise.all([
      this.deps.accounts.profiles(rows.map((r) => r.sender_id)),
      this.deps.media.views(rows.flatMap((r) => (r.media_id ? [r.media_id] : []))),
      options.openableByAll ? new Set(burnIds) : openableBy(this.deps.db, viewerId, burnIds),
      membersOf(this.deps.db, [...new Set(rows.map((r) => r.conversation_id))]),
    ])
    return rows.map((row) => messageView(row, viewerId, { people, media, openable, members }))
  }

  private async conversationViews(actor: Actor, memberships: Membership[]): Promise<ConversationView[]> {
    const conversations = memberships.map((m) => m.conversation)
    const [lastMessages, members, people] = await Promise.all([
      lastMessagesOf(this.deps.db, conversations),
      membersOf(
        this.deps.db,
        conversations.map((c) => c.id),
      ),
      this.deps.accounts.profiles(memberships.flatMap((m) => m.memberIds)),
    ])
    const lastViews = await this.messageViews(actor.id, lastMessages)
    return memberships.map(({ conversation, memberIds, groupName }) => {
      const peerId = conversation.kind === 'direct' ? memberIds.find((id) => id !== actor.id) : undefined
      const peer = peerId ? (people.get(peerId) ?? null) : null
      const inThis = members.filter((m) => m.conversation_id === conversation.id)
      const mine = inThis.find((m) => m.user_id === actor.id)
      const others = inThis.filter((m) => m.user_id !== actor.id)
      const lastReadSeq = mine?.last_read_seq ?? 0
      return {
        id: conversation.id,
        kind: conversation.kind as ConversationView['kind'],
        title: groupName ?? peer?.displayName ?? '',
        peer,
        groupId: conversation.group_id,
        lastMessage: lastViews.find((m) => m.conversationId === conversation.id) ?? null,
        lastSeq: conversation.last_seq,
        lastReadSeq,
        unreadCount: Math.max(0, conversation.last_seq - lastReadSeq),
        othersReadSeq: others.length > 0 ? Math.min(...others.map((m) => m.last_read_seq)) : 0,
        othersDeliveredSeq: others.length > 0 ? Math.min(...others.map((m) => m.last_delivered_seq)) : 0,
        updatedAt: new Date(conversation.last_message_at).toISOString(),
      }
    })
  }
}

type Position = { before?: number; after?: number }

function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url')
}

function decodePosition(cursor: string | undefined): Position | undefined {
  if (cursor === undefined) return undefined
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position
    const seq = value.before ?? value.after
    if (Number.isSafeInteger(seq) && (seq ?? -1) >= 0) return value
  } catch {
    // fall through
  }
  throw new ValidationError('cursor')
}
