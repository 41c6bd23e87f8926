import { monotonicFactory } from 'ulid'
import type { CreateGroupBody, GroupView, PersonView } from '../../shared/api/social.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { Db } from '../db/database.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { MembersMustBeFriendsError } from './errors.js'
import {
  deleteMember,
  findGroup,
  findGroupByConversation,
  insertGroup,
  isGroupChatMember,
  insertMembers,
  listGroupsOf,
  memberIdsOf,
  updateGroup,
} from './groups-store.js'
import type { SocialService } from './service.js'
import type { GroupRow } from './store.js'

const newId = monotonicFactory()

/** Groups (建群): made from friends; each has a conversation for the chat module. */
export class GroupsService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly social: SocialService,
    private readonly clock: () => number,
  ) {}

  async create(actor: Actor, body: CreateGroupBody): Promise<GroupView> {
    const others = body.memberIds.filter((id) => id !== actor.id)
    await this.requireFriends(actor, others)
    const group: GroupRow = {
      id: newId(),
      name: body.name.trim(),
      owner_id: actor.id,
      conversation_id: newId(),
      created_at: this.clock(),
    }
    await this.db.transaction().execute((trx) => insertGroup(trx, group, [actor.id, ...others]))
    return this.view(group)
  }

  async list(actor: Actor): Promise<{ items: GroupView[]; nextCursor: null }> {
    const groups = await listGroupsOf(this.db, actor.id)
    const members = await memberIdsOf(
      this.db,
      groups.map((g) => g.id),
    )
    const people = await this.accounts.profiles([...members.values()].flat())
    return { items: groups.map((g) => toView(g, members.get(g.id) ?? [], people)), nextCursor: null }
  }

  async get(actor: Actor, groupId: string): Promise<GroupView> {
    return this.view(await this.memberGroup(actor, groupId))
  }

  async rename(actor: Actor, groupId: string, name: string): Promise<GroupView> {
    const group = await this.memberGroup(actor, groupId)
    if (group.owner_id !== actor.id) throw new ForbiddenError()
    await updateGroup(this.db, group.id, { name: name.trim() })
    return this.view({ ...group, name: name.trim() })
  }

  /** Any member may bring in their own friends, as in WeChat. */
  async addMembers(actor: Actor, groupId: string, userIds: string[]): Promise<GroupView> {
    const group = await this.memberGroup(actor, groupId)
    const newcomers = userIds.filter((id) => id !== actor.id)
    await this.requireFriends(actor, newcomers)
    await insertMembers(this.db, group.id, newcomers, this.clock())
    return this.view(group)
  }

  /** Leaving is always allowed; removing someone else is the owner's. An owner who leaves hands the group on. */
  async removeMember(actor: Actor, groupId: string, userId: string): Promise<void> {
    const group = await this.memberGroup(actor, groupId)
    if (userId !== actor.id && group.owner_id !== actor.id) throw new ForbiddenError()
    const members = (await memberIdsOf(this.db, [group.id])).get(group.id) ?? []
    if (!members.includes(userId)) throw new NotFoundError()
    await this.db.transaction().execute(async (trx) => {
      await deleteMember(trx, group.id, userId)
      const heir = members.find((id) => id !== userId)
      if (userId === group.owner_id && heir) await updateGroup(trx, group.id, { owner_id: heir })
    })
  }

  /** A person's groups as the chat module needs them. */
  async chatGroupsOf(userId: string): Promise<ChatGroup[]> {
    const groups = await listGroupsOf(this.db, userId)
    const members = await memberIdsOf(
      this.db,
      groups.map((g) => g.id),
    )
    return groups.map((g) => toChatGroup(g, members.get(g.id) ?? []))
  }

  /** The group a chat conversation belongs to, with its members now. */
  async chatGroup(conversationId: string): Promise<ChatGroup | undefined> {
    const group = await findGroupByConversation(this.db, conversationId)
    if (!group) return undefined
    return toChatGroup(group, (await memberIdsOf(this.db, [group.id])).get(group.id) ?? [])
  }

  /** Whether the user is in the group of this chat now, without loading its members (a big group has thousands). */
  async isChatMember(conversationId: string, userId: string): Promise<boolean> {
    return isGroupChatMember(this.db, conversationId, userId)
  }

  async isMember(userId: string, groupId: string): Promise<boolean> {
    return ((await memberIdsOf(this.db, [groupId])).get(groupId) ?? []).includes(userId)
  }

  /** Outsiders may not learn that a group exists. */
  private async memberGroup(actor: Actor, groupId: string): Promise<GroupRow> {
    const group = await findGroup(this.db, groupId)
    if (!group || !(await this.isMember(actor.id, groupId))) throw new NotFoundError()
    return group
  }

  private async requireFriends(actor: Actor, userIds: string[]): Promise<void> {
    for (const id of userIds) {
      const ok = (await this.social.areFriends(actor.id, id)) && !(await this.social.isBlockedEitherWay(actor.id, id))
      if (!ok) throw new MembersMustBeFriendsError()
    }
  }

  private async view(group: GroupRow): Promise<GroupView> {
    const members = (await memberIdsOf(this.db, [group.id])).get(group.id) ?? []
    return toView(group, members, await this.accounts.profiles(members))
  }
}

export interface ChatGroup {
  id: string
  name: string
  conversationId: string
  createdAt: number
  memberIds: string[]
}

function toChatGroup(group: GroupRow, memberIds: string[]): ChatGroup {
  return {
    id: group.id,
    name: group.name,
    conversationId: group.conversation_id,
    createdAt: group.created_at,
    memberIds,
  }
}

function toView(group: GroupRow, memberIds: string[], people: Map<string, PersonView>): GroupView {
  return {
    id: group.id,
    name: group.name,
    ownerId: group.owner_id,
    members: memberIds.flatMap((id) => people.get(id) ?? []),
    conversationId: group.conversation_id,
    createdAt: new Date(group.created_at).toISOString(),
  }
}
