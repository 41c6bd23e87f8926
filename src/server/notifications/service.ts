import type {
  MarkReadBody,
  NotificationData,
  NotificationsPage,
  NotificationsQuery,
  NotificationView,
} from '../../shared/api/notifications.js'
import type { PersonView } from '../../shared/api/social.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { Db } from '../db/database.js'
import { decodeCursor, nextCursor } from '../db/keyset.js'
import type { EventStamp } from '../events/hub.js'
import type { DomainEvent } from '../events/types.js'
import type { Push } from '../realtime/push.js'
import type { SocialService } from '../social/service.js'
import { draftsFor, type Draft } from './rules.js'
import {
  countUnread,
  deleteReadBefore,
  insertNotifications,
  listNotifications,
  markRead,
  type NotificationRow,
} from './store.js'

/** Read notifications are kept this long. */
const READ_RETENTION_MS = 90 * 24 * 3600_000

export interface NotificationsDeps {
  db: Db
  accounts: AccountsService
  social: SocialService
  push: Push
  clock: () => number
}

/**
 * 通知: what happened to me, stored for the list and pushed as `notification.new`. Built from domain events after
 * their commit; the rules of the moment decide who hears: never oneself, nobody across a block, nobody about a
 * person they have muted.
 */
export class NotificationsService {
  constructor(private readonly deps: NotificationsDeps) {}

  /**
   * The stamp, not this moment, orders the list: the event's id (a ULID) plus the draft's place names each
   * notification, so ids increase in the order things happened and one event never makes the same one twice.
   */
  async handle(event: DomainEvent, { id, at }: EventStamp): Promise<void> {
    const drafts = await this.admitted(draftsFor(event))
    if (drafts.length === 0) return
    const rows: NotificationRow[] = drafts.map((d, i) => ({
      id: `${id}${i.toString(36)}`,
      recipient_id: d.recipientId,
      kind: d.kind,
      actor_id: d.actorId,
      ref_type: d.ref.type,
      ref_id: d.ref.id,
      data: JSON.stringify(d.data),
      read_at: null,
      created_at: at,
    }))
    await insertNotifications(this.deps.db, rows)
    const people = await this.deps.accounts.profiles(rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])))
    await Promise.all(
      rows.map((row) =>
        this.deps.push.toUsers([row.recipient_id], { type: 'notification.new', data: toView(row, people) }),
      ),
    )
  }

  async list(actor: Actor, query: NotificationsQuery): Promise<NotificationsPage> {
    const limit = query.limit ?? 20
    const [rows, unreadCount] = await Promise.all([
      listNotifications(this.deps.db, actor.id, {
        limit: limit + 1,
        before: decodeCursor(query.cursor),
        unread: query.unread === true,
      }),
      countUnread(this.deps.db, actor.id),
    ])
    const page = rows.slice(0, limit)
    const people = await this.deps.accounts.profiles(page.flatMap((r) => (r.actor_id ? [r.actor_id] : [])))
    return {
      items: page.map((row) => toView(row, people)),
      nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.id })),
      unreadCount,
    }
  }

  /** Only the recipient's own: ids of anyone else's are as unknown as ids that never existed. */
  async markRead(actor: Actor, body: MarkReadBody): Promise<void> {
    await markRead(this.deps.db, actor.id, body.ids, this.deps.clock())
  }

  /** Forgets read notifications past retention, a bounded batch per call; returns how many. */
  prune(limit = 1000): Promise<number> {
    return deleteReadBefore(this.deps.db, this.deps.clock() - READ_RETENTION_MS, limit)
  }

  /** Blocks and mutes as they are now, at the time of the event. */
  private async admitted(drafts: Draft[]): Promise<Draft[]> {
    const checks = await Promise.all(drafts.map((draft) => this.admits(draft)))
    return drafts.filter((_, i) => checks[i])
  }

  private async admits({ recipientId, actorId, friendsOnly }: Draft): Promise<boolean> {
    if (actorId === null) return true
    if (actorId === recipientId) return false
    if (await this.deps.social.isBlockedEitherWay(recipientId, actorId)) return false
    const settings = await this.deps.social.friendshipOf(recipientId, actorId)
    if (settings?.muteTheirPosts) return false
    return !friendsOnly || settings !== undefined
  }
}

function toView(row: NotificationRow, people: Map<string, PersonView>): NotificationView {
  const actor = row.actor_id
    ? (people.get(row.actor_id) ?? { id: row.actor_id, displayName: '', maskedName: null, avatarUrl: null })
    : null
  return {
    id: row.id,
    kind: row.kind as NotificationView['kind'],
    actor,
    ref: { type: row.ref_type as NotificationView['ref']['type'], id: row.ref_id },
    data: JSON.parse(row.data) as NotificationData,
    read: row.read_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
  }
}
