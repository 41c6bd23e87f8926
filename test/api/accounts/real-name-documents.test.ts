import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyedHash, loadSecret } from '../../../src/server/secret.js'
import { chinaDate } from '../../../src/shared/validation/id-number.js'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'
import {
  makeHkId,
  makeHkMoPermit,
  makeIdNumber,
  makeMoId,
  makePassport,
  makeTwId,
  makeTwPermit,
} from '../../helpers/id-numbers.js'

const ADULT = '1990-03-04'

describe('POST /me/real-name with other documents', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const verify = (token: string, body: object) => call(app(), 'POST', '/api/v1/me/real-name', { token, body })
  /** Errors come in the account's language. */
  const userIn = async (locale: 'en' | 'zh-Hans' | 'zh-Hant') => {
    const user = await registerUser(app())
    await call(app(), 'PATCH', '/api/v1/me', { token: user.token, body: { locale } })
    return user
  }
  const birthDateOf = async (userId: string) =>
    (
      await app()
        .ctx.database.db.selectFrom('real_names')
        .select('birth_date')
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).birth_date

  const documents = [
    ['hk-id', () => ({ idNumber: makeHkId() })],
    ['hk-id (two letters, as written)', () => ({ idNumber: makeHkId('WX').replace(/(.)$/, '($1)') })],
    ['mo-id', () => ({ idNumber: makeMoId() })],
    ['tw-id', () => ({ idNumber: makeTwId() })],
    ['tw-id (resident Uniform ID)', () => ({ idNumber: makeTwId('A', '8') })],
    ['hk-mo-permit', () => ({ idNumber: makeHkMoPermit('M') })],
    ['tw-permit', () => ({ idNumber: makeTwPermit() })],
    ['passport', () => ({ idNumber: makePassport().number, country: 'GBR' })],
    ['passport (MRZ field)', () => ({ idNumber: makePassport().mrz, country: 'usa' })],
  ] as const
  const typeOf = (label: string) => label.split(' ')[0] as string

  it.each(documents)('verifies an adult with %s and a typed birth date, and binds it once', async (label, make) => {
    const document = { ...make(), documentType: typeOf(label), birthDate: ADULT }
    const user = await userIn('en')
    const res = await verify(user.token, { name: 'Chan Tai Man', ...document })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ verified: true, maskedName: '*han Tai Man' })
    expect(await birthDateOf(user.id)).toBe(ADULT)
    expect((await call(app(), 'GET', '/api/v1/me', { token: user.token })).body.realName.verified).toBe(true)

    const other = await userIn('zh-Hant')
    const taken = await verify(other.token, { name: 'Chan Tai Man', ...document })
    expect(taken.status).toBe(409)
    expect(taken.body.error).toEqual({ code: 'ID_NUMBER_TAKEN', message: '該證件已綁定其他帳戶。' })
  })

  it('binds per document type: the same digits as a Macau ID and a Taiwan permit are two documents', async () => {
    const digits = makeMoId('1')
    for (const documentType of ['mo-id', 'tw-permit']) {
      const user = await userIn('en')
      expect(
        (await verify(user.token, { name: '陳大文', idNumber: digits, documentType, birthDate: ADULT })).status,
      ).toBe(200)
    }
  })

  it('treats a renewed travel permit (new issue count) and the written forms of an HKID as the same document', async () => {
    const permit = makeHkMoPermit()
    const hkId = makeHkId('A')
    const first = await userIn('en')
    expect(
      (
        await verify(first.token, {
          name: '陳大文',
          idNumber: `${permit}01`,
          documentType: 'hk-mo-permit',
          birthDate: ADULT,
        })
      ).status,
    ).toBe(200)
    const second = await userIn('en')
    expect(
      (await verify(second.token, { name: '陳大文', idNumber: hkId, documentType: 'hk-id', birthDate: ADULT })).status,
    ).toBe(200)

    const again = await userIn('en')
    const renewed = await verify(again.token, {
      name: '陳大文',
      idNumber: `${permit}02`,
      documentType: 'hk-mo-permit',
      birthDate: ADULT,
    })
    expect(renewed.body.error.code).toBe('ID_NUMBER_TAKEN')
    const written = `${hkId.slice(0, -1).toLowerCase()} (${hkId.slice(-1)})`
    expect(
      (await verify(again.token, { name: '陳大文', idNumber: written, documentType: 'hk-id', birthDate: ADULT })).body
        .error.code,
    ).toBe('ID_NUMBER_TAKEN')
  })

  it('binds a passport per issuing state', async () => {
    const { number } = makePassport()
    for (const country of ['GBR', 'DEU']) {
      const user = await userIn('en')
      expect(
        (
          await verify(user.token, {
            name: 'Anna Smith',
            idNumber: number,
            documentType: 'passport',
            country,
            birthDate: ADULT,
          })
        ).status,
      ).toBe(200)
    }
    const user = await userIn('en')
    const res = await verify(user.token, {
      name: 'Anna Smith',
      idNumber: number,
      documentType: 'passport',
      country: 'gbr',
      birthDate: ADULT,
    })
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN')
  })

  it('takes a birth date the number already encodes when it matches, and ignores a country on an ID card', async () => {
    const mainland = await userIn('en')
    const idNumber = makeIdNumber('1988-07-09')
    expect((await verify(mainland.token, { name: '王小明', idNumber, birthDate: '1988-07-09' })).status).toBe(200)
    expect(await birthDateOf(mainland.id)).toBe('1988-07-09')
    const taiwan = await userIn('en')
    const res = await verify(taiwan.token, {
      name: '林小美',
      idNumber: makeTwId(),
      documentType: 'tw-id',
      country: 'TWN',
      birthDate: ADULT,
    })
    expect(res.status).toBe(200)
  })

  it('keeps cn-resident the default, hashing the number exactly as before the other types existed', async () => {
    const idNumber = makeIdNumber('1985-01-02')
    const user = await userIn('en')
    expect((await verify(user.token, { name: '王小明', idNumber })).status).toBe(200)
    const row = await app()
      .ctx.database.db.selectFrom('real_names')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.id_number_hash).toBe(keyedHash(loadSecret(testApp.config), 'id-number', idNumber))
    const other = await userIn('en')
    const res = await verify(other.token, { name: '王小明', idNumber, documentType: 'cn-resident' })
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN')
  })

  it.each([
    [{ idNumber: makeHkId(), documentType: 'hk-id' }, 'birthDate', 'The field “birthDate” is required.'],
    [
      { idNumber: makeHkId(), documentType: 'hk-id', birthDate: '1990-02-30' },
      'birthDate',
      'The field “birthDate” is invalid.',
    ],
    [
      { idNumber: makeHkId(), documentType: 'hk-id', birthDate: '2999-01-01' },
      'birthDate',
      'The field “birthDate” is invalid.',
    ],
    [{ idNumber: makeHkId(), documentType: 'hk-id', birthDate: '1990/01/01' }, 'birthDate', undefined],
    [{ idNumber: makeIdNumber('1990-01-01'), birthDate: '1991-01-01' }, 'birthDate', undefined],
    [
      { idNumber: makePassport().number, documentType: 'passport', birthDate: ADULT },
      'country',
      'The field “country” is required.',
    ],
    [
      { idNumber: makePassport().number, documentType: 'passport', country: 'XYZ', birthDate: ADULT },
      'country',
      undefined,
    ],
    [
      { idNumber: makePassport().number, documentType: 'passport', country: 'CHN', birthDate: ADULT },
      'country',
      undefined,
    ],
    [{ idNumber: makeHkId(), documentType: 'hkid', birthDate: ADULT }, 'documentType', undefined],
  ])('refuses %j with 400 VALIDATION_FAILED naming %s', async (body, field, message) => {
    const user = await userIn('en')
    const res = await verify(user.token, { name: '陳大文', ...body })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
    if (message) expect(res.body.error.message).toBe(message)
  })

  /** The same number with its last character (the check character) changed. */
  const wrongCheck = (id: string) => id.slice(0, -1) + (id.endsWith('1') ? '2' : '1')
  it.each([
    ['hk-id', 'checksum', () => wrongCheck(makeHkId())],
    ['hk-id', 'format', () => '1234567(8)'],
    ['tw-id', 'checksum', () => wrongCheck(makeTwId())],
    ['mo-id', 'format', () => '2234567(8)'],
    ['hk-mo-permit', 'format', () => 'K12345678'],
    ['tw-permit', 'format', () => '1234567'],
    ['passport', 'checksum', () => wrongCheck(makePassport().mrz)],
    ['cn-resident', 'format', () => makeHkId()],
  ])('refuses a bad %s number (%s) with 400 INVALID_ID_NUMBER', async (documentType, reason, make) => {
    const user = await userIn('en')
    const body = {
      name: '陳大文',
      idNumber: make(),
      documentType,
      birthDate: ADULT,
      ...(documentType === 'passport' ? { country: 'FRA' } : {}),
    }
    if (documentType === 'cn-resident') delete (body as { birthDate?: string }).birthDate
    const res = await verify(user.token, body)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'INVALID_ID_NUMBER', documentType, reason })
  })

  it('says what is wrong and names the accepted documents, in each language', async () => {
    const badCheck = { name: '陳大文', idNumber: 'A123456(4)', documentType: 'hk-id', birthDate: ADULT }
    const messages = {
      en: 'The check digit does not match',
      'zh-Hans': '证件号码校验位不正确',
      'zh-Hant': '證件號碼檢查碼不正確',
    }
    const accepted = {
      en: ['Hong Kong identity card', 'Macau resident ID card', 'Taiwan national ID', 'foreign passport'],
      'zh-Hans': ['香港身份证', '澳门居民身份证', '台湾居民来往大陆通行证', '外国护照'],
      'zh-Hant': ['香港身份證', '澳門居民身份證', '台灣身分證', '港澳居民來往內地通行證', '外國護照'],
    }
    for (const locale of ['en', 'zh-Hans', 'zh-Hant'] as const) {
      const message: string = (await verify((await userIn(locale)).token, badCheck)).body.error.message
      expect(message.startsWith(messages[locale])).toBe(true)
      for (const name of accepted[locale]) expect(message).toContain(name)
    }
    const badFormat = await verify((await userIn('zh-Hant')).token, { ...badCheck, idNumber: 'A12345' })
    expect(badFormat.body.error.message).toMatch(/^證件號碼與所選證件的格式不符。可用證件：/)
  })

  it('applies the adult rule to typed birth dates: 400 UNDERAGE until the 18th birthday', async () => {
    const today = chinaDate(new Date())
    const eighteenYearsAgo = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`
    const tomorrowBirthday = new Date(Date.parse(`${eighteenYearsAgo}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10)
    const young = await userIn('zh-Hant')
    const res = await verify(young.token, {
      name: '陳小文',
      idNumber: makeTwId(),
      documentType: 'tw-id',
      birthDate: tomorrowBirthday,
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toEqual({ code: 'UNDERAGE', message: '未滿 18 歲，無法進行實名認證。' })
    if (eighteenYearsAgo.endsWith('02-29')) return
    const adult = await userIn('en')
    const ok = await verify(adult.token, {
      name: '陳大文',
      idNumber: makeTwId(),
      documentType: 'tw-id',
      birthDate: eighteenYearsAgo,
    })
    expect(ok.status).toBe(200)
  })
})
