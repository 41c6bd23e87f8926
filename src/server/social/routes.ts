import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NoContent } from '../../shared/api/common.js'
import {
  AddMembersBody,
  BlockBody,
  BlocksPage,
  BlockView,
  CreateGroupBody,
  FriendRequestBody,
  FriendRequestsPage,
  FriendRequestsQuery,
  FriendRequestView,
  FriendSettings,
  FriendSettingsBody,
  FriendsPage,
  GroupsPage,
  GroupView,
  PersonView,
  RenameGroupBody,
} from '../../shared/api/social.js'
import { PageQuery } from '../../shared/api/wallet.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const IdParams = Type.Object({ id: Id })
const UserParams = Type.Object({ userId: Id })
const MemberParams = Type.Object({ id: Id, userId: Id })

export function socialRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)
    const tags = ['friends']

    app.post(
      '/friend-requests',
      { schema: { tags, body: FriendRequestBody, response: { 201: FriendRequestView } } },
      async (request, reply) => reply.code(201).send(await ctx.social.sendRequest(actorOf(request), request.body)),
    )
    app.get(
      '/friend-requests',
      { schema: { tags, querystring: FriendRequestsQuery, response: { 200: FriendRequestsPage } } },
      async (request) => ctx.social.listRequests(actorOf(request), request.query),
    )
    app.post(
      '/friend-requests/:id/accept',
      { schema: { tags, params: IdParams, response: { 200: FriendRequestView } } },
      async (request) => ctx.social.accept(actorOf(request), request.params.id),
    )
    app.post(
      '/friend-requests/:id/decline',
      { schema: { tags, params: IdParams, response: { 200: FriendRequestView } } },
      async (request) => ctx.social.decline(actorOf(request), request.params.id),
    )
    app.get(
      '/users/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'A person by id: display name, masked real name, avatar',
          description:
            'What every post, chat and friend list shows of them, for screens that start from an id (a deep link to ' +
            'a transfer). The web app shows only this, never a name from the URL. 404 for an unknown id or for ' +
            'someone who has blocked the caller.',
          params: IdParams,
          response: { 200: PersonView },
        },
      },
      async (request) => ctx.social.person(actorOf(request), request.params.id),
    )
    app.get('/friends', { schema: { tags, querystring: PageQuery, response: { 200: FriendsPage } } }, async (request) =>
      ctx.social.friends(actorOf(request), request.query),
    )
    app.delete(
      '/friends/:userId',
      { schema: { tags, params: UserParams, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.social.removeFriend(actorOf(request), request.params.userId)
        return reply.code(204).send(null)
      },
    )
    app.put(
      '/friends/:userId/settings',
      { schema: { tags, params: UserParams, body: FriendSettingsBody, response: { 200: FriendSettings } } },
      async (request) => ctx.social.updateSettings(actorOf(request), request.params.userId, request.body),
    )
    app.get('/blocks', { schema: { tags, response: { 200: BlocksPage } } }, async (request) =>
      ctx.social.blocks(actorOf(request)),
    )
    app.post('/blocks', { schema: { tags, body: BlockBody, response: { 201: BlockView } } }, async (request, reply) =>
      reply.code(201).send(await ctx.social.block(actorOf(request), request.body.userId)),
    )
    app.delete(
      '/blocks/:userId',
      { schema: { tags, params: UserParams, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.social.unblock(actorOf(request), request.params.userId)
        return reply.code(204).send(null)
      },
    )

    const groupTags = ['groups']
    app.post(
      '/groups',
      { schema: { tags: groupTags, body: CreateGroupBody, response: { 201: GroupView } } },
      async (request, reply) => reply.code(201).send(await ctx.groups.create(actorOf(request), request.body)),
    )
    app.get('/groups', { schema: { tags: groupTags, response: { 200: GroupsPage } } }, async (request) =>
      ctx.groups.list(actorOf(request)),
    )
    app.get(
      '/groups/:id',
      { schema: { tags: groupTags, params: IdParams, response: { 200: GroupView } } },
      async (request) => ctx.groups.get(actorOf(request), request.params.id),
    )
    app.patch(
      '/groups/:id',
      { schema: { tags: groupTags, params: IdParams, body: RenameGroupBody, response: { 200: GroupView } } },
      async (request) => ctx.groups.rename(actorOf(request), request.params.id, request.body.name),
    )
    app.post(
      '/groups/:id/members',
      { schema: { tags: groupTags, params: IdParams, body: AddMembersBody, response: { 200: GroupView } } },
      async (request) => ctx.groups.addMembers(actorOf(request), request.params.id, request.body.userIds),
    )
    app.delete(
      '/groups/:id/members/:userId',
      { schema: { tags: groupTags, params: MemberParams, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.groups.removeMember(actorOf(request), request.params.id, request.params.userId)
        return reply.code(204).send(null)
      },
    )
  }
}
