import { parseArgs } from 'node:util'
import { startCluster } from './processes.js'

const USAGE = `Usage: npm run cluster [-- --ports 3001,3002]

Starts several LifeCircle processes on one machine, as a cluster would run behind a reverse proxy: the database is
migrated once, then one process per port, all on the same PostgreSQL and Redis. Every line they log is prefixed with
its port. Ctrl-C stops them all.

Environment (besides what \`lifecircle serve --help\` lists):
  DATABASE_URL   PostgreSQL (postgres://postgres@127.0.0.1:5432/lifecircle; create it first: createdb lifecircle)
  REDIS_URL      Redis (redis://127.0.0.1:6379)
  DATA_DIR       uploads and the generated secret, shared by the processes (./data)`

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/lifecircle'
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ports: { type: 'string', default: '3001,3002' }, help: { type: 'boolean', default: false } },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const ports = values.ports.split(',').map(Number)
  if (ports.length === 0 || ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) {
    console.error('--ports must be a comma-separated list of ports, e.g. 3001,3002')
    return 2
  }
  const env = {
    DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL || DEFAULT_REDIS_URL,
  }
  console.log(`cluster: ${ports.length} processes on ${env.DATABASE_URL} and ${env.REDIS_URL}`)
  const cluster = startCluster({ ports, env, print: (line) => console.log(line) })
  // Listening from the start: a Ctrl-C while the processes are still starting stops those already started.
  const stopping = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'))
    process.once('SIGTERM', () => resolve('SIGTERM'))
  })
  const failed = cluster.ready.then(
    () => {
      console.log(`cluster: serving on ${cluster.urls.join(' and ')}; Ctrl-C stops them all`)
      return new Promise<string>(() => {})
    },
    (error: unknown) => `${error instanceof Error ? error.message : String(error)}`,
  )
  const reason = await Promise.race([stopping, failed, cluster.exited.then((port) => `the process on ${port} exited`)])
  console.log(`cluster: ${reason}, stopping`)
  await cluster.stop()
  return reason.startsWith('SIG') ? 0 : 1
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
