import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { befriend } from '../../helpers/social.js'

/**
 * WeChat Moments' rules, one case per row: who sees which post. The cast: the author; mutual friends; a friend
 * who muted the author; a friend the author hides posts from; a friend who blocked / was blocked; a stranger.
 */
describe('feed visibility matrix', () => {
  let testApp: TestApp
  const cast = {} as Record<
    'author' | 'friend' | 'listed' | 'muter' | 'hidden' | 'blocker' | 'blockedByAuthor' | 'stranger',
    TestUser
  >
  const posts = {} as Record<'friends' | 'private' | 'include' | 'exclude', string>

  const as = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    call(testApp.app, method, url, { token: user.token, body })

  beforeAll(async () => {
    testApp = await createTestApp()
    for (const name of Object.keys({
      author: 0,
      friend: 0,
      listed: 0,
      muter: 0,
      hidden: 0,
      blocker: 0,
      blockedByAuthor: 0,
      stranger: 0,
    })) {
      cast[name as keyof typeof cast] = await registerUser(testApp.app, name)
    }
    for (const name of ['friend', 'listed', 'muter', 'hidden', 'blocker', 'blockedByAuthor'] as const) {
      await befriend(testApp.app, cast.author, cast[name])
    }
    await as(cast.muter, 'PUT', `/api/v1/friends/${cast.author.id}/settings`, { muteTheirPosts: true })
    await as(cast.author, 'PUT', `/api/v1/friends/${cast.hidden.id}/settings`, { hideMyPosts: true })
    await as(cast.blocker, 'POST', '/api/v1/blocks', { userId: cast.author.id })
    await as(cast.author, 'POST', '/api/v1/blocks', { userId: cast.blockedByAuthor.id })

    const post = async (text: string, visibility: object) =>
      (await as(cast.author, 'POST', '/api/v1/posts', { text, visibility })).body.id as string
    posts.friends = await post('给所有朋友', { type: 'friends' })
    posts.private = await post('仅自己可见', { type: 'private' })
    posts.include = await post('部分可见', { type: 'include', userIds: [cast.listed.id] })
    posts.exclude = await post('不给谁看', { type: 'exclude', userIds: [cast.listed.id] })
  })
  afterAll(() => testApp.close())

  const expected: Record<keyof typeof cast, { feed: Array<keyof typeof posts>; direct: Array<keyof typeof posts> }> = {
    author: {
      feed: ['friends', 'private', 'include', 'exclude'],
      direct: ['friends', 'private', 'include', 'exclude'],
    },
    friend: { feed: ['friends', 'exclude'], direct: ['friends', 'exclude'] },
    listed: { feed: ['friends', 'include'], direct: ['friends', 'include'] },
    // Muting only keeps the author out of the feed; an explicit visit still shows the posts.
    muter: { feed: [], direct: ['friends', 'exclude'] },
    hidden: { feed: [], direct: [] },
    blocker: { feed: [], direct: [] },
    blockedByAuthor: { feed: [], direct: [] },
    stranger: { feed: [], direct: [] },
  }

  it.each(Object.keys(expected) as Array<keyof typeof cast>)('%s sees exactly what the rules allow', async (who) => {
    const viewer = cast[who]
    const feed = await as(viewer, 'GET', '/api/v1/feed')
    const seen = (feed.body.items as Array<{ id: string }>)
      .map((p) => p.id)
      .filter((id) => Object.values(posts).includes(id))
    expect(seen.sort()).toEqual(expected[who].feed.map((k) => posts[k]).sort())

    for (const key of Object.keys(posts) as Array<keyof typeof posts>) {
      const res = await as(viewer, 'GET', `/api/v1/posts/${posts[key]}`)
      expect(res.status, `${who} GET ${key}`).toBe(expected[who].direct.includes(key) ? 200 : 404)
    }
    const profile = await as(viewer, 'GET', `/api/v1/users/${cast.author.id}/posts`)
    expect((profile.body.items as Array<{ id: string }>).map((p) => p.id).sort()).toEqual(
      expected[who].direct.map((k) => posts[k]).sort(),
    )
  })

  it('shows the audience list to the author only', async () => {
    const mine = await as(cast.author, 'GET', `/api/v1/posts/${posts.exclude}`)
    expect(mine.body.visibility).toEqual({ type: 'exclude', userIds: [cast.listed.id] })
    const theirs = await as(cast.friend, 'GET', `/api/v1/posts/${posts.exclude}`)
    expect(theirs.body.visibility).toEqual({ type: 'exclude' })
  })

  it('refuses to like, comment or tip what one may not see, with the same 404 as a missing post', async () => {
    for (const [method, suffix, body] of [
      ['POST', 'likes', undefined],
      ['POST', 'comments', { text: 'hi' }],
    ] as const) {
      const hidden = await as(cast.stranger, method, `/api/v1/posts/${posts.friends}/${suffix}`, body)
      const missing = await as(cast.stranger, method, `/api/v1/posts/no-such-post/${suffix}`, body)
      expect(hidden.status).toBe(404)
      expect(hidden.body).toEqual(missing.body)
    }
  })
})
