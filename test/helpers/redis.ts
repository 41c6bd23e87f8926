import { Redis } from 'ioredis'
import { REDIS_TEST_URL } from './optional.js'

/** What a Redis restart does to one connection, without restarting the Redis that other tests share. */
export async function killRedisConnection(name: string): Promise<void> {
  const admin = new Redis(REDIS_TEST_URL!)
  try {
    const list = await admin.client('LIST')
    const ids = String(list)
      .split('\n')
      .filter((line) => line.includes(` name=${name} `))
      .map((line) => /\bid=(\d+)/.exec(line)![1]!)
    if (ids.length === 0) throw new Error(`no Redis connection named ${name}`)
    for (const id of ids) await admin.client('KILL', 'ID', id)
  } finally {
    admin.disconnect()
  }
}
