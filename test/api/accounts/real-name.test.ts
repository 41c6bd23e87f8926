import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '../../../src/shared/validation/id-number.js'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'
import { makeIdNumber } from '../../helpers/id-numbers.js'

describe('POST /me/real-name', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const verify = (token: string, body: object, locale = 'en') =>
    call(app(), 'POST', '/api/v1/me/real-name', { token, body, headers: { 'accept-language': locale } })

  it('verifies a valid adult ID and shows friends only the masked name', async () => {
    const user = await registerUser(app())
    const res = await verify(user.token, { name: '王小明', idNumber: makeIdNumber('1990-01-15') })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ verified: true, maskedName: '*小明' })
    const me = await call(app(), 'GET', '/api/v1/me', { token: user.token })
    expect(me.body.realName).toEqual({ verified: true, maskedName: '*小明' })
  })

  it('accepts a lowercase x check character', async () => {
    const user = await registerUser(app())
    let id = makeIdNumber('1985-06-30')
    while (!id.endsWith('X')) id = makeIdNumber('1985-06-30')
    expect((await verify(user.token, { name: '陈晓', idNumber: id.toLowerCase() })).status).toBe(200)
  })

  it('keeps neither the ID number nor the full name in the database', async () => {
    const user = await registerUser(app())
    const idNumber = makeIdNumber('1991-02-03')
    await verify(user.token, { name: '赵钱孙', idNumber })
    const row = await app()
      .ctx.database.db.selectFrom('real_names')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain(idNumber)
    expect(JSON.stringify(row)).not.toContain(idNumber.slice(0, 14))
    expect(JSON.stringify(row)).not.toContain('赵钱孙')
    expect(row).toMatchObject({ masked_name: '*钱孙', birth_date: '1991-02-03' })
  })

  it.each([
    ['a bad checksum', (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')],
    ['a 15-digit number', () => '110105491231002'],
    ['an impossible date', () => makeIdNumber('1990-02-30')],
    ['a future date', () => makeIdNumber('2099-01-01')],
    ['an unknown region', () => makeIdNumber('1990-01-01', '990105')],
    ['letters', () => 'ABCDEFGHIJKLMNOPQR'],
  ])('refuses %s with 400 INVALID_ID_NUMBER', async (_case, make) => {
    const user = await registerUser(app())
    const res = await verify(user.token, { name: '王小明', idNumber: make(makeIdNumber()) })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('INVALID_ID_NUMBER')
    expect((await call(app(), 'GET', '/api/v1/me', { token: user.token })).body.realName.verified).toBe(false)
  })

  it('refuses someone who turns 18 tomorrow with 400 UNDERAGE, and accepts them on their birthday', async () => {
    const today = chinaDate(new Date())
    const eighteenYearsAgo = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`
    const tomorrowBirthday = new Date(Date.parse(`${eighteenYearsAgo}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10)
    const young = await registerUser(app())
    const res = await verify(young.token, { name: '少年', idNumber: makeIdNumber(tomorrowBirthday) }, 'zh-Hans')
    expect(res.status).toBe(400)
    expect(res.body.error).toEqual({ code: 'UNDERAGE', message: '未满 18 周岁，无法进行实名认证。' })
    if (eighteenYearsAgo.endsWith('02-29')) return
    const adult = await registerUser(app())
    expect((await verify(adult.token, { name: '成年', idNumber: makeIdNumber(eighteenYearsAgo) })).status).toBe(200)
  })

  it('binds one ID number to one account: 409 ID_NUMBER_TAKEN, also under a race', async () => {
    const idNumber = makeIdNumber('1980-08-08')
    const users = await Promise.all([registerUser(app()), registerUser(app()), registerUser(app())])
    const results = await Promise.all(users.map((u) => verify(u.token, { name: '同一人', idNumber })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'ID_NUMBER_TAKEN')).toBe(true)
  })

  it('answers the same again for the same number, and 409 ALREADY_VERIFIED for a different one', async () => {
    const user = await registerUser(app())
    const idNumber = makeIdNumber('1979-12-01')
    expect((await verify(user.token, { name: '重复', idNumber })).status).toBe(200)
    expect((await verify(user.token, { name: '重复', idNumber })).body).toEqual({ verified: true, maskedName: '*复' })
    const other = await verify(user.token, { name: '重复', idNumber: makeIdNumber('1979-12-02') })
    expect(other.status).toBe(409)
    expect(other.body.error.code).toBe('ALREADY_VERIFIED')
  })

  it.each([
    [{ idNumber: '11010519491231002X' }, 'name'],
    [{ name: '王', idNumber: '11010519491231002X' }, 'name'],
    [{ name: '王小明<script>', idNumber: '11010519491231002X' }, 'name'],
    [{ name: '王小明' }, 'idNumber'],
    [{ name: '王小明', idNumber: 110105194912310020 }, 'idNumber'],
  ])('refuses %j with 400 VALIDATION_FAILED naming %s', async (body, field) => {
    const user = await registerUser(app())
    const res = await verify(user.token, body)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  it('accepts names with a middle dot and Latin names', async () => {
    const a = await registerUser(app())
    expect(
      (await verify(a.token, { name: '阿依古丽·买买提', idNumber: makeIdNumber('1992-04-04', '650102') })).body
        .maskedName,
    ).toBe('*依古丽·买买提')
    const b = await registerUser(app())
    expect(
      (await verify(b.token, { name: 'Anna Müller', idNumber: makeIdNumber('1988-09-09', '911156') })).status,
    ).toBe(200)
  })

  it('limits verification attempts per user to stop probing which numbers are taken', async () => {
    const user = await registerUser(app())
    const codes: string[] = []
    for (let i = 0; i < 21; i++) {
      const res = await verify(user.token, { name: '试探', idNumber: '110105491231002' })
      codes.push(res.body.error.code)
    }
    expect(codes.slice(0, 20).every((c) => c === 'INVALID_ID_NUMBER')).toBe(true)
    expect(codes[20]).toBe('RATE_LIMITED')
  })

  it('requires a login', async () => {
    expect(
      (await call(app(), 'POST', '/api/v1/me/real-name', { body: { name: '王小明', idNumber: makeIdNumber() } }))
        .status,
    ).toBe(401)
  })
})
