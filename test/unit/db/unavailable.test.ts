import net from 'node:net'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { isDatabaseUnavailable, isUniqueViolation, isUnstorableValue } from '../../../src/server/db/errors.js'
import { describeIfPostgres } from '../../helpers/optional.js'

/** The error pg really gives for a connection string: what the pool would hand a request. */
async function connectError(config: pg.ClientConfig): Promise<unknown> {
  const client = new pg.Client(config)
  try {
    await client.connect()
  } catch (error) {
    return error
  } finally {
    await client.end().catch(() => undefined)
  }
  throw new Error('connected, but a failure was expected')
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as net.AddressInfo).port
}

describe('isDatabaseUnavailable', () => {
  const servers: net.Server[] = []
  afterAll(() => servers.forEach((server) => server.close()))

  it('is true when nothing listens where the database should be', async () => {
    const server = net.createServer()
    const port = await listen(server)
    await new Promise((resolve) => server.close(resolve))
    expect(isDatabaseUnavailable(await connectError({ host: '127.0.0.1', port }))).toBe(true)
  })

  it('is true when the database accepts the connection and never answers (the pool timeout)', async () => {
    const sockets: net.Socket[] = []
    const silent = net.createServer((socket) => sockets.push(socket))
    servers.push(silent)
    const port = await listen(silent)
    const pool = new pg.Pool({ host: '127.0.0.1', port, connectionTimeoutMillis: 200 })
    const error = await pool.query('select 1').catch((e: unknown) => e)
    await pool.end()
    sockets.forEach((socket) => socket.destroy())
    expect(isDatabaseUnavailable(error)).toBe(true)
  })

  it('is true when the connection drops in the middle', async () => {
    const rude = net.createServer((socket) => socket.destroy())
    servers.push(rude)
    const port = await listen(rude)
    expect(isDatabaseUnavailable(await connectError({ host: '127.0.0.1', port }))).toBe(true)
  })

  it('is false for a query that failed on a database that is there, and for anything else', () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })
    expect(isUniqueViolation(unique)).toBe(true)
    expect(isDatabaseUnavailable(unique)).toBe(false)
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false)
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false)
    expect(isDatabaseUnavailable(undefined)).toBe(false)
  })
})

describeIfPostgres('isDatabaseUnavailable on PostgreSQL', () => {
  it('is true for a connection the server terminated (57P01, as in a restart)', async () => {
    const victim = new pg.Client({ connectionString: process.env.DATABASE_URL })
    victim.on('error', () => undefined)
    await victim.connect()
    const pid = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    await admin.query('select pg_terminate_backend($1)', [pid])
    await admin.end()
    const error = await victim.query('select 1').catch((e: unknown) => e)
    await victim.end().catch(() => undefined)
    expect(isDatabaseUnavailable(error)).toBe(true)
  })
})

describeIfPostgres('isUnstorableValue on PostgreSQL', () => {
  it('is true for the values PostgreSQL cannot hold, the net under the schemas', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    try {
      const refused = (sql: string, values: unknown[]) => client.query(sql, values).catch((e: unknown) => e)
      for (const error of [
        await refused('select $1::text', ['nul\u0000byte']),
        await refused('select $1::integer', [2 ** 31]),
        await refused('select $1::bigint', ['7.96e130']),
        await refused('select $1::timestamptz', ['2026-13-45']),
      ]) {
        expect(isUnstorableValue(error), String(error)).toBe(true)
        expect(isDatabaseUnavailable(error)).toBe(false)
      }
      expect(isUnstorableValue(await refused('select 1 from no_such_table', []))).toBe(false)
    } finally {
      await client.end()
    }
  })
})
