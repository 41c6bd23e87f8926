import type { CollectionView } from '../../shared/api/collections.js'
import type { PersonView } from '../../shared/api/social.js'
import type { CollectionRow, ShareRow } from './store.js'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/** What the collector and the members asked to pay see; nobody else sees a collection at all. */
export function collectionView(
  row: CollectionRow,
  shares: ShareRow[],
  people: Map<string, PersonView>,
  viewerId: string,
): CollectionView {
  const person = (id: string) => people.get(id) ?? { id, displayName: '', maskedName: null, avatarUrl: null }
  const mine = shares.find((s) => s.user_id === viewerId)
  return {
    id: row.id,
    groupId: row.group_id,
    conversationId: row.conversation_id,
    title: row.title,
    collector: person(row.collector_id),
    status: row.status as CollectionView['status'],
    currency: 'CNY',
    total: row.total,
    paidAmount: row.paid_amount,
    memberCount: row.member_count,
    paidCount: row.paid_count,
    members: shares.map((s) => ({
      user: person(s.user_id),
      amount: s.amount,
      paid: s.paid_at !== null,
      paidAt: iso(s.paid_at),
    })),
    mine: mine
      ? { amount: mine.amount, paid: mine.paid_at !== null, remindersMuted: mine.reminders_muted === 1 }
      : null,
    createdAt: new Date(row.created_at).toISOString(),
    closedAt: iso(row.closed_at),
  }
}
