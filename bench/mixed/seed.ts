import { checkCharacter } from '../../src/shared/validation/id-number.js'

/** What the load needs to know about the community it acts in. */
export interface MixedWorld {
  users: Array<{ id: string; token: string }>
  /** Posts with their authors' indexes, visible to the author's friends. */
  posts: Array<{ id: string; author: number }>
  /** A direct conversation per pair of friends: who may speak in it. */
  conversations: Array<{ id: string; members: [number, number] }>
  /** A live event that is on air. */
  eventId: string
}

export const PIN = '482916'
/** Each user is befriended with the next FRIENDS users, in a ring. */
const FRIENDS = 4
const POSTS_PER_USER = 3
const TOP_UP_FEN = 1_000_000

/**
 * A small community built over HTTP, as its members would build it, spread over the processes: registered,
 * real-name verified, PIN set, topped up, befriended in a ring, a few posts each, a direct conversation per pair
 * of friends, and one live event on air.
 */
export async function seedWorld(urls: string[], userCount: number): Promise<MixedWorld> {
  let turn = 0
  const api = async (method: string, path: string, token?: string, body?: unknown, key?: string) => {
    const url = urls[turn++ % urls.length]!
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const text = await response.text()
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  const run = Date.now() % 100_000
  const users = await Promise.all(
    Array.from({ length: userCount }, async (_, i) => {
      const phone = `137${String(run).padStart(5, '0')}${String(i).padStart(3, '0')}`
      const { sandboxCode } = await api('POST', '/auth/codes', undefined, { phone, purpose: 'register' })
      const registered = await api('POST', '/auth/register', undefined, {
        phone,
        code: sandboxCode,
        password: 'bench-password-1',
        displayName: `用户${i}`,
      })
      const token = registered.token as string
      await api('POST', '/me/real-name', token, { name: '测试用户', idNumber: idNumber(i) })
      await api('PUT', '/me/pin', token, { pin: PIN })
      await api('POST', '/wallet/topups', token, { amount: TOP_UP_FEN }, `seed-topup-${i}`)
      return { id: registered.user.id as string, token }
    }),
  )
  const pairs: Array<[number, number]> = []
  for (let i = 0; i < userCount; i++) {
    for (let k = 1; k <= FRIENDS; k++) pairs.push([i, (i + k) % userCount])
  }
  const conversations = await Promise.all(
    pairs.map(async ([a, b]) => {
      const request = await api('POST', '/friend-requests', users[a]!.token, { toUserId: users[b]!.id })
      await api('POST', `/friend-requests/${request.id}/accept`, users[b]!.token)
      const conversation = await api('POST', '/conversations', users[a]!.token, { userId: users[b]!.id })
      return { id: conversation.id as string, members: [a, b] as [number, number] }
    }),
  )
  const posts = (
    await Promise.all(
      users.map(async (user, author) => {
        const made: Array<{ id: string; author: number }> = []
        for (let p = 0; p < POSTS_PER_USER; p++) {
          const post = await api('POST', '/posts', user.token, {
            text: `第${p}条动态，来自用户${author}`,
            visibility: { type: 'friends' },
          })
          made.push({ id: post.id as string, author })
        }
        return made
      }),
    )
  ).flat()
  const host = users[0]!
  const event = await api('POST', '/live/events', host.token, {
    title: '混合压测直播',
    startsAt: new Date().toISOString(),
  })
  await api('POST', `/live/events/${event.id}/start`, host.token)
  return { users, posts, conversations, eventId: event.id as string }
}

/** A valid, distinct 18-digit ID number per index. */
function idNumber(index: number): string {
  const year = 1980 + (index % 20)
  const sequence = String(Math.floor(index / 20) % 1000).padStart(3, '0')
  const first17 = `110105${year}0517${sequence}`
  return first17 + checkCharacter(first17)
}
