import { Type, type Static } from 'typebox'
import { NAME_TEXT_FORMAT } from '../validation/text.js'

const UserId = Type.String({ minLength: 1, maxLength: 64 })
const Cursor = Type.String({ minLength: 1, maxLength: 200 })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
const Text = (maxLength: number) => Type.String({ maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' })

export const PersonView = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  maskedName: Type.Union([Type.String(), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
})
export type PersonView = Static<typeof PersonView>

export const FriendView = Type.Object({
  ...PersonView.properties,
  muteTheirPosts: Type.Boolean(),
  hideMyPosts: Type.Boolean(),
  since: Type.String({ format: 'date-time' }),
})
export type FriendView = Static<typeof FriendView>

export const FriendsPage = Type.Object({
  items: Type.Array(FriendView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type FriendsPage = Static<typeof FriendsPage>

export const FriendRequestBody = Type.Object(
  { toUserId: UserId, message: Type.Optional(Text(100)) },
  { additionalProperties: false },
)
export type FriendRequestBody = Static<typeof FriendRequestBody>

export const FriendRequestView = Type.Object({
  id: Type.String(),
  status: Type.Enum(['pending', 'accepted', 'declined']),
  from: PersonView,
  to: PersonView,
  message: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
})
export type FriendRequestView = Static<typeof FriendRequestView>

export const FriendRequestsQuery = Type.Object({
  direction: Type.Enum(['incoming', 'outgoing']),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor),
})
export type FriendRequestsQuery = Static<typeof FriendRequestsQuery>

export const FriendRequestsPage = Type.Object({
  items: Type.Array(FriendRequestView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const FriendSettingsBody = Type.Object(
  { muteTheirPosts: Type.Optional(Type.Boolean()), hideMyPosts: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)
export type FriendSettingsBody = Static<typeof FriendSettingsBody>
export const FriendSettings = Type.Object({ muteTheirPosts: Type.Boolean(), hideMyPosts: Type.Boolean() })
export type FriendSettings = Static<typeof FriendSettings>

export const BlockBody = Type.Object({ userId: UserId }, { additionalProperties: false })
export const BlockView = Type.Object({
  userId: Type.String(),
  user: PersonView,
  blockedAt: Type.String({ format: 'date-time' }),
})
export type BlockView = Static<typeof BlockView>
export const BlocksPage = Type.Object({ items: Type.Array(BlockView) })

const GroupName = Type.String({
  minLength: 1,
  maxLength: 30,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  format: NAME_TEXT_FORMAT,
})
const MemberIds = Type.Array(UserId, { minItems: 1, maxItems: 499, uniqueItems: true })

export const CreateGroupBody = Type.Object({ name: GroupName, memberIds: MemberIds }, { additionalProperties: false })
export type CreateGroupBody = Static<typeof CreateGroupBody>
export const RenameGroupBody = Type.Object({ name: GroupName }, { additionalProperties: false })
export const AddMembersBody = Type.Object({ userIds: MemberIds }, { additionalProperties: false })

export const GroupView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  ownerId: Type.String(),
  members: Type.Array(PersonView),
  conversationId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
})
export type GroupView = Static<typeof GroupView>
export const GroupsPage = Type.Object({
  items: Type.Array(GroupView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
