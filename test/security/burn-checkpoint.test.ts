import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp } from '../helpers/app.js'
import { directConversation, say } from '../helpers/chat.js'
import { befriend } from '../helpers/social.js'

/** Generous for a shared 2-core machine; the blocking checkpoint it guards against took seconds. */
const FAST_MS = 500

/**
 * SQLite by nature (the WAL is a file of the data folder): `sqlite: true` keeps it on SQLite in the PostgreSQL pass
 * too. A long reader on the database (a backup, `sqlite3` in a shell) holds the WAL back: the purge that makes a
 * burned text physically gone must wait for it without stalling a single request.
 */
describe('burning a message while a long reader holds the SQLite WAL', () => {
  const lines: string[] = []
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ sqlite: true, logLevel: 'debug', logStream: { write: (line) => lines.push(line) } })
  })
  afterAll(() => testApp.close())

  it('answers at once, keeps /health fast, and purges the text once the reader has gone', async () => {
    const app = testApp.app
    const a = await registerUser(app)
    const b = await registerUser(app)
    await befriend(app, a, b)
    const id = await directConversation(app, a, b)
    const secret = `长读者下的秘密-${crypto.randomUUID()}`
    const later = `之后再开的秘密-${crypto.randomUUID()}`
    const files = ['lifecircle.db', 'lifecircle.db-wal'].map((f) => path.join(testApp.config.dataDir, f))
    const onDisk = (text: string) =>
      files.some((file) => fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(text, 'utf8')))
    const sent = await say(app, a, id, { text: secret, burnAfterReading: { seconds: 5 } })
    const sentLater = await say(app, a, id, { text: later, burnAfterReading: { seconds: 5 } })
    for (let i = 0; i < 5; i++) await say(app, a, id, { text: `之后的普通消息 ${i}` })

    const reader = new SQLite(files[0], { readonly: true, fileMustExist: true })
    try {
      reader.exec('begin')
      reader.prepare('select count(*) from messages').get()
      const logsBefore = lines.length

      const healthTimes: number[] = []
      let opening = true
      const probeHealth = async () => {
        while (opening) {
          const started = performance.now()
          expect((await call(app, 'GET', '/api/v1/health')).status).toBe(200)
          healthTimes.push(performance.now() - started)
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
      }
      const started = performance.now()
      const [opened] = await Promise.all([
        call(app, 'POST', `/api/v1/messages/${sent.body.id}/open`, { token: b.token }).finally(() => (opening = false)),
        probeHealth(),
      ])
      const openMs = performance.now() - started
      expect(opened.body.text).toBe(secret)
      expect(openMs).toBeLessThan(FAST_MS)
      expect(Math.max(...healthTimes)).toBeLessThan(FAST_MS)

      // Unreadable through the API at once, though the reader still pins its bytes in the WAL.
      const again = await call(app, 'POST', `/api/v1/messages/${sent.body.id}/open`, { token: b.token })
      expect([again.status, again.body.error.code]).toEqual([410, 'MESSAGE_BURNED'])
      expect(onDisk(secret)).toBe(true)

      // The retries go on quietly while the reader stays: one line that the purge waits, nothing louder.
      await new Promise((resolve) => setTimeout(resolve, 2_500))
      const health = performance.now()
      expect((await call(app, 'GET', '/api/v1/health')).status).toBe(200)
      expect(performance.now() - health).toBeLessThan(FAST_MS)
      // Another burn while the purge still waits answers as fast, and joins the purge that waits.
      const second = performance.now()
      const openedLater = await call(app, 'POST', `/api/v1/messages/${sentLater.body.id}/open`, { token: b.token })
      expect(openedLater.body.text).toBe(later)
      expect(performance.now() - second).toBeLessThan(FAST_MS)
      const logged = lines.slice(logsBefore).map((line) => JSON.parse(line) as { level: number; msg: string })
      expect(logged.filter((line) => line.level >= 40)).toEqual([])
      expect(logged.filter((line) => line.msg.includes('purge')).map((line) => line.msg)).toEqual([
        'burned text waits for a reader to leave the WAL before it is purged',
      ])
      expect(onDisk(secret)).toBe(true)
    } finally {
      reader.exec('commit')
      reader.close()
    }

    await expect.poll(() => onDisk(secret) || onDisk(later), { timeout: 5_000, interval: 100 }).toBe(false)
    await expect
      .poll(() => lines.some((line) => line.includes('burned text purged from the WAL')), { timeout: 2_000 })
      .toBe(true)
  })
})
