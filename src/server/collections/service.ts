import { monotonicFactory } from 'ulid'
import type {
  CollectionsPage,
  CollectionsQuery,
  CollectionView,
  CreateCollectionBody,
} from '../../shared/api/collections.js'
import { AMOUNT_MAX_PER_OPERATION } from '../../shared/api/wallet.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { PinService } from '../accounts/pin-service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import { announceCard, postCard } from '../chat/cards.js'
import type { ChatService } from '../chat/service.js'
import type { Db } from '../db/database.js'
import type { Events } from '../events/hub.js'
import { decodeCursor, nextCursor } from '../db/keyset.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import type { Push } from '../realtime/push.js'
import type { GroupsService } from '../social/groups-service.js'
import { AlreadyPaidError } from '../wallet/errors.js'
import { refusal } from '../wallet/outcome.js'
import { CannotCollectFromYourselfError, CollectionClosedError, MembersNotInGroupError } from './errors.js'
import { splitCollection } from './split.js'
import {
  closeCollection,
  countPayment,
  dueReminders,
  findCollection,
  findShare,
  insertCollection,
  listCollections,
  markPaid,
  muteReminders,
  sharesOf,
  takeReminder,
  type CollectionRow,
  type ShareRow,
} from './store.js'
import { collectionView } from './view.js'

const newId = monotonicFactory()

/** The reminder kind a notifications module can pick up: a member has not paid a day on. */
export const COLLECTION_REMINDER_KIND = 'collection_unpaid'

export interface CollectionDeps {
  db: Db
  ledger: LedgerService
  accounts: AccountsService
  realNames: RealNameService
  pins: PinService
  groups: GroupsService
  chat: ChatService
  push: Push
  events: Events
  clock: () => number
  /** A member who has not paid is reminded once, this long after the collection was made (24 hours). */
  reminderAfterMs: number
}

/**
 * 群收款. The collector asks chosen group members for a share each; each pays with the PIN, straight into the
 * collector's wallet; the collector sees who paid and may close it. Only the collector and the members asked see it.
 */
export class CollectionService {
  constructor(private readonly deps: CollectionDeps) {}

  async create(actor: Actor, groupId: string, body: CreateCollectionBody): Promise<CollectionView> {
    const group = await this.deps.groups.get(actor, groupId)
    if (body.memberIds.includes(actor.id)) throw new CannotCollectFromYourselfError()
    const inGroup = new Set(group.members.map((m) => m.id))
    if (!body.memberIds.every((id) => inGroup.has(id))) throw new MembersNotInGroupError()
    const amounts = splitCollection(body, body.memberIds.length, AMOUNT_MAX_PER_OPERATION)
    // The collector is the one who receives: their wallet must exist.
    await this.deps.realNames.requireVerified(actor.id)
    const membership = await this.deps.chat.membership(actor, group.conversationId)

    const now = this.deps.clock()
    const collection: CollectionRow = {
      id: newId(),
      group_id: group.id,
      conversation_id: group.conversationId,
      collector_id: actor.id,
      title: body.title.trim(),
      total: amounts.reduce((sum, a) => sum + a, 0),
      member_count: amounts.length,
      paid_count: 0,
      paid_amount: 0,
      status: 'open',
      closed_at: null,
      created_at: now,
    }
    const shares: ShareRow[] = body.memberIds.map((userId, position) => ({
      collection_id: collection.id,
      user_id: userId,
      position,
      amount: amounts[position]!,
      paid_at: null,
      transfer_id: null,
      reminders_muted: 0,
      remind_at: now + this.deps.reminderAfterMs,
      reminded_at: null,
      created_at: now,
    }))
    const uniform = amounts.every((a) => a === amounts[0])
    const message = await this.deps.db.transaction().execute(async (trx) => {
      await insertCollection(trx, collection, shares)
      return postCard(
        trx,
        membership,
        actor.id,
        { type: 'collection', refId: collection.id, text: collection.title, amount: uniform ? amounts[0]! : null },
        now,
      )
    })
    await announceCard(this.deps.chat, this.deps.push, message, membership.memberIds)
    this.tell('collection.created', collection, shares)
    return this.view(actor, collection)
  }

  /** A member pays their share, once, while the collection is open. */
  async pay(actor: Actor, id: string, pin: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const collection = await this.findFor(actor, id)
    if (collection.collector_id === actor.id) throw new ForbiddenError()
    await this.deps.realNames.requireVerified(actor.id)
    await this.deps.pins.verify(actor.id, pin)
    const share = (await findShare(this.deps.db, id, actor.id))!
    if (share.paid_at !== null) throw new AlreadyPaidError()
    if (collection.status !== 'open') throw new CollectionClosedError(collection.status)

    const transferId = transferIdFor(scope, 'collection')
    let collectionStatus = 'open'
    const toResponse = (result: Parameters<typeof refusal>[0]): StoredResponse =>
      refusal(result) ?? {
        status: 200,
        body: { status: 'paid', amount: share.amount, currency: 'CNY', transactionId: transferId, collectionStatus },
      }
    const result = await this.deps.ledger.submit({
      transfers: [
        {
          id: transferId,
          kind: 'single',
          debitAccountId: walletAccountId(actor.id),
          creditAccountId: walletAccountId(collection.collector_id),
          amount: share.amount,
          code: 'collection',
          refType: 'collection',
          refId: collection.id,
          note: collection.title,
        },
      ],
      // The count and the share are marked in the money's transaction: a member pays once, a closed one takes nothing.
      effects: async (trx) => {
        const now = this.deps.clock()
        // The share first, then the collection row, as closing does: two orders of locking could deadlock.
        if (!(await markPaid(trx, collection.id, actor.id, transferId, now))) throw new AlreadyPaidError()
        const status = await countPayment(trx, collection.id, share.amount)
        if (status === undefined) throw new CollectionClosedError((await findCollection(trx, collection.id))!.status)
        collectionStatus = status
      },
      remember: { ...scope, response: toResponse },
    })
    const response = toResponse(result)
    if (response.status === 200) {
      this.tell('collection.paid', collection, [{ user_id: actor.id, amount: share.amount }])
      await this.deps.push.toUsers([collection.collector_id, actor.id], {
        type: 'collection.paid',
        data: { collectionId: collection.id, userId: actor.id, amount: share.amount, status: collectionStatus },
      })
    }
    return response
  }

  async get(actor: Actor, id: string): Promise<CollectionView> {
    return this.view(actor, await this.findFor(actor, id))
  }

  async list(actor: Actor, query: CollectionsQuery): Promise<CollectionsPage> {
    const limit = query.limit ?? 20
    const rows = await listCollections(this.deps.db, actor.id, query.role, limit + 1, decodeCursor(query.cursor))
    const page = rows.slice(0, limit)
    return {
      items: await this.views(actor, page),
      nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.id })),
    }
  }

  /** The collector stops taking payments; what was paid stays paid. */
  async close(actor: Actor, id: string): Promise<CollectionView> {
    const collection = await this.findFor(actor, id)
    if (collection.collector_id !== actor.id) throw new ForbiddenError()
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await closeCollection(trx, collection.id, this.deps.clock()))) {
        throw new CollectionClosedError((await findCollection(trx, collection.id))!.status)
      }
    })
    const now = (await findCollection(this.deps.db, collection.id))!
    const shares = await sharesOf(this.deps.db, [collection.id])
    this.tell(
      'collection.closed',
      collection,
      shares.filter((s) => s.paid_at === null),
    )
    await this.deps.push.toUsers([actor.id, ...shares.map((s) => s.user_id)], {
      type: 'collection.closed',
      data: { collectionId: collection.id },
    })
    return this.view(actor, now)
  }

  /** A member switches off the reminder about their share. */
  async mute(actor: Actor, id: string): Promise<{ remindersMuted: boolean }> {
    const collection = await this.findFor(actor, id)
    if (collection.collector_id === actor.id) throw new ForbiddenError()
    await muteReminders(this.deps.db, collection.id, actor.id)
    return { remindersMuted: true }
  }

  /**
   * Sends each due reminder once (the housekeeping loop calls it): the guarded update lets one sweeper take it, and
   * skips a share that was paid or muted meanwhile.
   */
  async remind(limit = 200): Promise<number> {
    const now = this.deps.clock()
    let sent = 0
    for (const due of await dueReminders(this.deps.db, now, limit)) {
      if (!(await takeReminder(this.deps.db, due.collection_id, due.user_id, now))) continue
      sent++
      this.tell('collection.reminder', { id: due.collection_id, collector_id: due.collector_id, title: due.title }, [
        due,
      ])
      await this.deps.push.toUsers([due.user_id], {
        type: 'collection.reminder',
        data: {
          kind: COLLECTION_REMINDER_KIND,
          collectionId: due.collection_id,
          conversationId: due.conversation_id,
          collectorId: due.collector_id,
          title: due.title,
          amount: due.amount,
          currency: 'CNY',
        },
      })
    }
    return sent
  }

  private tell(
    type: 'collection.created' | 'collection.paid' | 'collection.closed' | 'collection.reminder',
    collection: Pick<CollectionRow, 'id' | 'collector_id' | 'title'>,
    shares: Array<Pick<ShareRow, 'user_id' | 'amount'>>,
  ): void {
    this.deps.events.emit({
      type,
      collectionId: collection.id,
      collectorId: collection.collector_id,
      title: collection.title,
      members: shares.map((s) => ({ userId: s.user_id, amount: s.amount })),
    })
  }

  /** Only the collector and the members asked may know a collection exists. */
  private async findFor(actor: Actor, id: string): Promise<CollectionRow> {
    const collection = await findCollection(this.deps.db, id)
    if (!collection) throw new NotFoundError()
    if (collection.collector_id !== actor.id && !(await findShare(this.deps.db, id, actor.id))) {
      throw new NotFoundError()
    }
    return collection
  }

  private async view(actor: Actor, row: CollectionRow): Promise<CollectionView> {
    return (await this.views(actor, [row]))[0]!
  }

  private async views(actor: Actor, rows: CollectionRow[]): Promise<CollectionView[]> {
    const shares = await sharesOf(
      this.deps.db,
      rows.map((r) => r.id),
    )
    const people = await this.deps.accounts.profiles([
      ...rows.map((r) => r.collector_id),
      ...shares.map((s) => s.user_id),
    ])
    return rows.map((row) =>
      collectionView(
        row,
        shares.filter((s) => s.collection_id === row.id),
        people,
        actor.id,
      ),
    )
  }
}
