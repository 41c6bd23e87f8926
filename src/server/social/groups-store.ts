import type { Db } from '../db/database.js'
import type { Executor } from '../ledger/store.js'
import type { GroupRow } from './store.js'

export async function insertGroup(db: Executor, group: GroupRow, memberIds: string[]): Promise<void> {
  await db.insertInto('groups').values(group).execute()
  await insertMembers(db, group.id, memberIds, group.created_at)
}

export async function insertMembers(db: Executor, groupId: string, userIds: string[], now: number): Promise<void> {
  if (userIds.length === 0) return
  await db
    .insertInto('group_members')
    .values(userIds.map((user_id) => ({ group_id: groupId, user_id, joined_at: now })))
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
    .execute()
}

export async function deleteMember(db: Executor, groupId: string, userId: string): Promise<void> {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).execute()
}

export async function findGroup(db: Executor, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function updateGroup(db: Executor, id: string, changes: Partial<Pick<GroupRow, 'name' | 'owner_id'>>) {
  await db.updateTable('groups').set(changes).where('id', '=', id).execute()
}

/** Members in the order they joined. */
export async function memberIdsOf(db: Executor, groupIds: string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>(groupIds.map((id) => [id, []]))
  if (groupIds.length === 0) return members
  const rows = await db
    .selectFrom('group_members')
    .select(['group_id', 'user_id'])
    .where('group_id', 'in', groupIds)
    .orderBy('joined_at')
    .orderBy('user_id')
    .execute()
  for (const row of rows) members.get(row.group_id)?.push(row.user_id)
  return members
}

export async function listGroupsOf(db: Db, userId: string): Promise<GroupRow[]> {
  return db
    .selectFrom('groups')
    .innerJoin('group_members', 'group_members.group_id', 'groups.id')
    .selectAll('groups')
    .where('group_members.user_id', '=', userId)
    .orderBy('groups.created_at', 'desc')
    .orderBy('groups.id', 'desc')
    .execute()
}

export async function findGroupByConversation(db: Executor, conversationId: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst()
}

/** One indexed probe: is the user in the group whose chat this is? */
export async function isGroupChatMember(db: Executor, conversationId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('groups')
    .innerJoin('group_members', 'group_members.group_id', 'groups.id')
    .select('group_members.user_id')
    .where('groups.conversation_id', '=', conversationId)
    .where('group_members.user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}
