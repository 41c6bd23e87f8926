import { monotonicFactory } from 'ulid'
import type {
  BlockView,
  FriendRequestBody,
  FriendRequestsQuery,
  FriendRequestView,
  FriendSettings,
  FriendSettingsBody,
  FriendsPage,
  PersonView,
} from '../../shared/api/social.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { Db } from '../db/database.js'
import type { Events } from '../events/hub.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { Throttle } from '../limits/throttle.js'
import { decodeCursor, nextCursor } from '../db/keyset.js'
import {
  AlreadyFriendsError,
  CannotBefriendYourselfError,
  CannotBlockYourselfError,
  FriendRequestNotPendingError,
} from './errors.js'
import {
  answerFriendRequest,
  declinePendingBetween,
  deleteBlock,
  deleteFriendship,
  findBlock,
  findFriendRequest,
  findFriendship,
  findPendingRequest,
  friendIdsOf,
  insertBlock,
  insertFriendRequest,
  insertFriendship,
  isBlockedEitherWay,
  listBlocks,
  listFriendRequests,
  listFriendships,
  updateFriendSettings,
  type FriendRequestRow,
} from './store.js'

const newId = monotonicFactory()

/** Friends (朋友), friend requests and blocks. Settings are silent: the other side is never told. */
export class SocialService {
  private readonly requests: Throttle

  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly clock: () => number,
    private readonly events: Events,
  ) {
    this.requests = new Throttle(db, { name: 'friend-requests', limit: 50, windowMs: 24 * 3600_000 }, clock)
  }

  async sendRequest(actor: Actor, body: FriendRequestBody): Promise<FriendRequestView> {
    if (body.toUserId === actor.id) throw new CannotBefriendYourselfError()
    const people = await this.accounts.profiles([actor.id, body.toUserId])
    // A block hides each from the other: to the blocked one, the blocker does not exist.
    if (!people.has(body.toUserId) || (await isBlockedEitherWay(this.db, actor.id, body.toUserId))) {
      throw new NotFoundError()
    }
    if (await findFriendship(this.db, actor.id, body.toUserId)) throw new AlreadyFriendsError()

    const now = this.clock()
    const theirs = await findPendingRequest(this.db, body.toUserId, actor.id)
    if (theirs) {
      // They asked first: asking back is saying yes.
      await this.db.transaction().execute(async (trx) => {
        await answerFriendRequest(trx, theirs.id, 'accepted', now)
        await insertFriendship(trx, actor.id, body.toUserId, now)
      })
      this.events.emit({ type: 'friend_request.accepted', requestId: theirs.id, fromId: body.toUserId, toId: actor.id })
      return toRequestView({ ...theirs, status: 'accepted', responded_at: now }, people)
    }
    const mine = await findPendingRequest(this.db, actor.id, body.toUserId)
    if (mine) return toRequestView(mine, people)

    await this.requests.consume(actor.id)
    const row: FriendRequestRow = {
      id: newId(),
      from_user_id: actor.id,
      to_user_id: body.toUserId,
      message: body.message?.trim() || null,
      status: 'pending',
      created_at: now,
      responded_at: null,
    }
    await insertFriendRequest(this.db, row)
    this.events.emit({
      type: 'friend_request.sent',
      requestId: row.id,
      fromId: actor.id,
      toId: body.toUserId,
      message: row.message,
    })
    return toRequestView(row, people)
  }

  async listRequests(actor: Actor, query: FriendRequestsQuery) {
    const limit = query.limit ?? 20
    const column = query.direction === 'incoming' ? 'to_user_id' : 'from_user_id'
    const rows = await listFriendRequests(this.db, { column, userId: actor.id }, limit + 1, decodeCursor(query.cursor))
    const page = rows.slice(0, limit)
    const people = await this.accounts.profiles(page.flatMap((r) => [r.from_user_id, r.to_user_id]))
    return {
      items: page.map((row) => toRequestView(row, people)),
      nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.id })),
    }
  }

  async accept(actor: Actor, requestId: string): Promise<FriendRequestView> {
    return this.answer(actor, requestId, 'accepted')
  }

  async decline(actor: Actor, requestId: string): Promise<FriendRequestView> {
    return this.answer(actor, requestId, 'declined')
  }

  private async answer(actor: Actor, requestId: string, status: 'accepted' | 'declined'): Promise<FriendRequestView> {
    const request = await findFriendRequest(this.db, requestId)
    if (!request || (request.to_user_id !== actor.id && request.from_user_id !== actor.id)) throw new NotFoundError()
    if (request.to_user_id !== actor.id) throw new ForbiddenError()
    const people = await this.accounts.profiles([request.from_user_id, request.to_user_id])
    if (request.status === status) return toRequestView(request, people)
    if (request.status !== 'pending') throw new FriendRequestNotPendingError()
    const now = this.clock()
    const answered = await this.db.transaction().execute(async (trx) => {
      if (!(await answerFriendRequest(trx, request.id, status, now))) return false
      if (status === 'accepted') await insertFriendship(trx, request.from_user_id, request.to_user_id, now)
      return true
    })
    if (!answered) {
      const current = (await findFriendRequest(this.db, requestId))!
      if (current.status !== status) throw new FriendRequestNotPendingError()
    } else if (status === 'accepted') {
      this.events.emit({ type: 'friend_request.accepted', requestId, fromId: request.from_user_id, toId: actor.id })
    }
    return toRequestView({ ...request, status, responded_at: now }, people)
  }

  async friends(actor: Actor, query: { limit?: number; cursor?: string }): Promise<FriendsPage> {
    const limit = query.limit ?? 20
    const rows = await listFriendships(this.db, actor.id, limit + 1, decodeCursor(query.cursor))
    const page = rows.slice(0, limit)
    const people = await this.accounts.profiles(page.map((r) => r.friend_id))
    return {
      items: page.flatMap((row) => {
        const person = people.get(row.friend_id)
        return person
          ? [
              {
                ...person,
                muteTheirPosts: row.mute_their_posts === 1,
                hideMyPosts: row.hide_my_posts === 1,
                since: new Date(row.created_at).toISOString(),
              },
            ]
          : []
      }),
      nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.friend_id })),
    }
  }

  /**
   * One person's public card — what every post, chat and friend list shows of them — for a screen that has only their
   * id (a deep link). Someone who blocked the viewer does not exist to them, as everywhere else.
   */
  async person(actor: Actor, userId: string): Promise<PersonView> {
    const person = (await this.accounts.profiles([userId])).get(userId)
    if (!person || (await this.hasBlocked(userId, actor.id))) throw new NotFoundError()
    return person
  }

  async removeFriend(actor: Actor, friendId: string): Promise<void> {
    if ((await deleteFriendship(this.db, actor.id, friendId)) === 0) throw new NotFoundError()
  }

  async updateSettings(actor: Actor, friendId: string, body: FriendSettingsBody): Promise<FriendSettings> {
    if (!(await findFriendship(this.db, actor.id, friendId))) throw new NotFoundError()
    await updateFriendSettings(this.db, actor.id, friendId, {
      ...(body.muteTheirPosts !== undefined ? { mute_their_posts: body.muteTheirPosts ? 1 : 0 } : {}),
      ...(body.hideMyPosts !== undefined ? { hide_my_posts: body.hideMyPosts ? 1 : 0 } : {}),
    })
    const row = (await findFriendship(this.db, actor.id, friendId))!
    return { muteTheirPosts: row.mute_their_posts === 1, hideMyPosts: row.hide_my_posts === 1 }
  }

  /** Blocking keeps the friendship on record but hides each from the other and refuses their payments. */
  async block(actor: Actor, userId: string): Promise<BlockView> {
    if (userId === actor.id) throw new CannotBlockYourselfError()
    if (!(await this.accounts.profiles([userId])).has(userId)) throw new NotFoundError()
    const now = this.clock()
    await this.db.transaction().execute(async (trx) => {
      await insertBlock(trx, actor.id, userId, now)
      await declinePendingBetween(trx, actor.id, userId, now)
    })
    const block = (await findBlock(this.db, actor.id, userId))!
    const people = await this.accounts.profiles([userId])
    return { userId, user: personOf(people, userId), blockedAt: new Date(block.created_at).toISOString() }
  }

  async unblock(actor: Actor, userId: string): Promise<void> {
    await deleteBlock(this.db, actor.id, userId)
  }

  async blocks(actor: Actor): Promise<{ items: BlockView[] }> {
    const rows = await listBlocks(this.db, actor.id)
    const people = await this.accounts.profiles(rows.map((r) => r.blocked_id))
    return {
      items: rows.map((r) => ({
        userId: r.blocked_id,
        user: personOf(people, r.blocked_id),
        blockedAt: new Date(r.created_at).toISOString(),
      })),
    }
  }

  isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    return isBlockedEitherWay(this.db, a, b)
  }

  async hasBlocked(blocker: string, blocked: string): Promise<boolean> {
    return (await findBlock(this.db, blocker, blocked)) !== undefined
  }

  /** `userId`'s own settings about `friendId`, or undefined when they are not friends. */
  async friendshipOf(userId: string, friendId: string): Promise<FriendSettings | undefined> {
    const row = await findFriendship(this.db, userId, friendId)
    return row && { muteTheirPosts: row.mute_their_posts === 1, hideMyPosts: row.hide_my_posts === 1 }
  }

  async areFriends(a: string, b: string): Promise<boolean> {
    return (await findFriendship(this.db, a, b)) !== undefined
  }

  friendIds(userId: string): Promise<string[]> {
    return friendIdsOf(this.db, userId)
  }
}

function personOf(people: Map<string, PersonView>, id: string): PersonView {
  return people.get(id) ?? { id, displayName: '', maskedName: null, avatarUrl: null }
}

function toRequestView(row: FriendRequestRow, people: Map<string, PersonView>): FriendRequestView {
  const person = (id: string) => personOf(people, id)
  return {
    id: row.id,
    status: row.status as FriendRequestView['status'],
    from: person(row.from_user_id),
    to: person(row.to_user_id),
    message: row.message,
    createdAt: new Date(row.created_at).toISOString(),
  }
}
