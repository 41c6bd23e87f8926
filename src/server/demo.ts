import { checkCharacter } from '../shared/validation/id-number.js'
import { PhoneTakenError } from './accounts/errors.js'
import type { AppContext } from './context.js'

export const DEMO_PASSWORD = 'lifecircle-demo'
export const DEMO_PIN = '246810'

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
  return logins
}

async function createPerson(ctx: AppContext, person: DemoPerson, index: number): Promise<boolean> {
  try {
    const { user } = await ctx.accounts.register(
      { phone: person.phone, password: DEMO_PASSWORD, displayName: person.displayName, locale: person.locale },
      person.locale,
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
