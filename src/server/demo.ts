import { checkCharacter } from '../shared/validation/id-number.js'
import { PhoneTakenError } from './accounts/errors.js'
import type { Actor } from './accounts/service.js'
import type { AppContext } from './context.js'
import { seedDemoLive } from './live/demo-stream.js'

export const DEMO_PASSWORD = 'lifecircle-demo'
export const DEMO_PIN = '246810'
/** The client address seeding signs in from: this machine, as it runs in-process. */
const SEEDED_FROM = '127.0.0.1'

interface DemoPerson {
  phone: string
  displayName: string
  realName: string
  /** Region code + birth date; sequence and check digit are filled in. */
  idPrefix: string
  locale: 'zh-Hans' | 'zh-Hant' | 'en'
}

const PEOPLE: DemoPerson[] = [
  { phone: '13800000001', displayName: '小雨', realName: '林小雨', idPrefix: '11010519980412', locale: 'zh-Hans' },
  { phone: '13800000002', displayName: '阿杰', realName: '陈志杰', idPrefix: '44030519950708', locale: 'zh-Hans' },
  { phone: '13800000003', displayName: '美玲', realName: '黄美玲', idPrefix: '81000019970215', locale: 'zh-Hant' },
  { phone: '+447700900123', displayName: 'Sam', realName: 'Samuel Clarke', idPrefix: '91100019900101', locale: 'en' },
]

export interface DemoLogin {
  phone: string
  displayName: string
  password: string
  pin: string
  created: boolean
}

/** Seeds a small, believable community through the services (never raw SQL); safe to run twice. */
export async function seedDemo(ctx: AppContext): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = []
  for (const [index, person] of PEOPLE.entries()) {
    const created = await createPerson(ctx, person, index)
    logins.push({
      phone: person.phone,
      displayName: person.displayName,
      password: DEMO_PASSWORD,
      pin: DEMO_PIN,
      created,
    })
  }
  // One login each, also for people seeded by an earlier run, to act as them through the services.
  const actors: Actor[] = []
  for (const person of PEOPLE) {
    const { user } = await ctx.accounts.login(
      { phone: person.phone, password: DEMO_PASSWORD },
      { address: SEEDED_FROM },
    )
    actors.push({ id: user.id, locale: user.locale })
  }
  await seedMoney(ctx, actors)
  await seedCircle(ctx, actors)
  await seedDemoLive(ctx, actors)
  return logins
}

/** Sandbox top-ups, a lunch paid back and an open request. Fixed idempotency keys make a second run a no-op. */
async function seedMoney(ctx: AppContext, actors: Actor[]): Promise<void> {
  const [xiaoyu, ajie, meiling] = actors
  if (!xiaoyu || !ajie || !meiling) return
  const scope = (actor: { id: string }, key: string) => ({ userId: actor.id, key: `demo-${key}`, requestHash: 'demo' })
  for (const [actor, amount] of [
    [xiaoyu, 88_800],
    [ajie, 52_000],
    [meiling, 30_000],
  ] as const) {
    await ctx.wallet.topUp(actor, { amount }, scope(actor, 'topup'))
  }
  const pay = (from: typeof xiaoyu, to: typeof xiaoyu, amount: number, note: string, key: string) =>
    ctx.wallet.transfer(from, { toUserId: to.id, amount, note, pin: DEMO_PIN }, scope(from, key))
  await pay(ajie, xiaoyu, 3_650, '周五火锅 AA', 'hotpot')
  await pay(xiaoyu, meiling, 1_200, '奶茶', 'tea')
  const open = await ctx.paymentRequests.list(meiling, { direction: 'outgoing', limit: 1 })
  if (open.items.length === 0) {
    await ctx.paymentRequests.create(meiling, { fromUserId: ajie.id, amount: 2_500, note: '电影票' })
  }
}

async function createPerson(ctx: AppContext, person: DemoPerson, index: number): Promise<boolean> {
  try {
    const { user } = await ctx.accounts.register(
      { phone: person.phone, password: DEMO_PASSWORD, displayName: person.displayName, locale: person.locale },
      person.locale,
      { address: SEEDED_FROM },
    )
    const first17 = `${person.idPrefix}${String(101 + index).padStart(3, '0')}`
    await ctx.realNames.verify(user.id, { name: person.realName, idNumber: first17 + checkCharacter(first17) })
    await ctx.pins.set(user.id, DEMO_PIN, undefined)
    return true
  } catch (error) {
    if (error instanceof PhoneTakenError) return false
    throw error
  }
}

/** Everyone befriends everyone, and the circle gets a few posts, likes, a comment thread and a tip (once). */
async function seedCircle(ctx: AppContext, actors: Actor[]): Promise<void> {
  for (const [i, a] of actors.entries()) {
    for (const b of actors.slice(i + 1)) {
      if (!(await ctx.social.areFriends(a.id, b.id))) await ctx.social.sendRequest(a, { toUserId: b.id })
      const pending = await ctx.social.listRequests(b, { direction: 'incoming' })
      for (const request of pending.items) {
        if (request.status === 'pending' && request.from.id === a.id) await ctx.social.accept(b, request.id)
      }
    }
  }
  const [xiaoyu, ajie, meiling, sam] = actors
  if (!xiaoyu || !ajie || !meiling || !sam) return
  if ((await ctx.feed.userPosts(xiaoyu, xiaoyu.id, {})).items.length > 0) return

  const hotpot = await ctx.feed.createPost(ajie, {
    text: '周五火锅局，谢谢大家！下次我请 🍲',
    visibility: { type: 'friends' },
  })
  const soap = await ctx.feed.createPost(meiling, {
    text: '自己做的手工皂，天然椰油，朋友价～',
    visibility: { type: 'friends' },
    kind: 'product',
    product: { title: '手工椰油皂', price: 3_800, stock: 20 },
  })
  const run = await ctx.feed.createPost(xiaoyu, {
    text: '今天在奥森跑了 10 公里，配速 5:30！',
    visibility: { type: 'friends' },
  })
  await ctx.feed.createPost(sam, { text: 'Learning to order 生煎包 like a local.', visibility: { type: 'friends' } })
  for (const fan of [ajie, meiling, sam]) await ctx.feed.like(fan, run.id)
  const comment = await ctx.feed.comment(meiling, run.id, { text: '太厉害了！下次带我一起' })
  await ctx.feed.comment(xiaoyu, run.id, { text: '周六早上七点见～', replyToCommentId: comment.id })
  await ctx.feed.like(xiaoyu, hotpot.id)
  await ctx.feed.tip(xiaoyu, hotpot.id, { userId: xiaoyu.id, key: 'demo-tip-hotpot', requestHash: 'demo' })

  // An order in escrow, shipped and waiting for Xiaoyu to confirm receipt.
  const soapOrder = await ctx.orders.create(xiaoyu, {
    postId: soap.id,
    quantity: 2,
    shippingAddress: '北京市朝阳区建国路 88 号 SOHO 现代城',
  })
  await ctx.orders.pay(xiaoyu, soapOrder.id, DEMO_PIN, { userId: xiaoyu.id, key: 'demo-soap', requestHash: 'demo' })
  await ctx.fulfilment.ship(meiling, soapOrder.id, '顺丰 SF1402 8890 7731')
}
