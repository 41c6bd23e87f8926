import { parseArgs } from 'node:util'
import { runLedgerBench } from './ledger/index.js'

const USAGE = `Usage: npm run bench -- <name> [options]

Benchmarks:
  ledger    ledger throughput in process and over HTTP, group commit vs one transaction per transfer,
            on SQLite (synchronous FULL and NORMAL) and PostgreSQL

Options (ledger):
  --pg <url>           PostgreSQL to bench in a fresh schema (default: $DATABASE_URL, else
                       postgres://postgres@127.0.0.1:5432/test); --pg off skips PostgreSQL
  --only <engine>      sqlite | postgres
  --no-http            in-process runs only
  --users <n>          users with wallets (200)
  --seconds <s>        length of each in-process run (3); HTTP runs last --http-seconds (5)
  --concurrency <n>    transfers in flight in the in-process batched runs (4000)
  --clients <n>        naive clients and HTTP connections (64)`

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test'

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      pg: { type: 'string' },
      only: { type: 'string' },
      'no-http': { type: 'boolean', default: false },
      users: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '3' },
      'http-seconds': { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '4000' },
      clients: { type: 'string', default: '64' },
      help: { type: 'boolean', default: false },
    },
  })
  const [name] = positionals
  if (values.help || name !== 'ledger') {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  const pg = values.pg ?? process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL
  return runLedgerBench({
    postgresUrl: pg === 'off' || values.only === 'sqlite' ? undefined : pg,
    sqlite: values.only !== 'postgres',
    http: !values['no-http'],
    users: positiveInt(values.users, 'users'),
    inProcessSeconds: Number(values.seconds),
    httpSeconds: Number(values['http-seconds']),
    batchedConcurrency: positiveInt(values.concurrency, 'concurrency'),
    clients: positiveInt(values.clients, 'clients'),
  })
}

function positiveInt(text: string, name: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`)
  return value
}

process.exitCode = await main(process.argv.slice(2))
