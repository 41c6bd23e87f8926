import { parseArgs } from 'node:util'
import { runFeedBench } from './feed/index.js'
import { runLedgerBench } from './ledger/index.js'
import { runRedPacketBench } from './redpacket/index.js'

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
  --clients <n>        naive clients and HTTP connections (64)

  feed      GET /api/v1/feed p50/p99 at fixed rates while likes and comments are written, at 50,000 and
            then 500,000 posts (10,000 users, 150 friends each, bulk-loaded), on SQLite and PostgreSQL

Options (feed):
  --pg <url>, --only <engine>   as for ledger
  --users <n>          users (10000)            --friends <n>      friends per user, even (150)
  --posts <a,b,…>      post counts to measure at, ascending (50000,500000)
  --rates <a,b,…>      feed requests per second (200,1000)
  --write-rate <n>     likes + comments per second during reads (50)
  --seconds <s>        length of each measurement (10)
  --viewers <n>        distinct viewers the reads cycle through (1000)

  redpacket one lucky packet claimed over HTTP by every member of a group at the same instant: claim latency,
            time until every share is allocated, refused claims per second once it is empty, the ledger audit;
            on SQLite and PostgreSQL

Options (redpacket):
  --pg <url>, --only <engine>   as for ledger
  --claimers <n>       group members who all claim at once, one connection each (5000)
  --shares <n>         shares in the packet (1000)
  --total <fen>        money in the packet (1000000)
  --late <n>           claims on the empty packet, closed loop (20000)
  --clients <n>        connections of the late claims' closed loop (64)`

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test'

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      pg: { type: 'string' },
      only: { type: 'string' },
      'no-http': { type: 'boolean', default: false },
      users: { type: 'string' },
      seconds: { type: 'string' },
      friends: { type: 'string', default: '150' },
      posts: { type: 'string', default: '50000,500000' },
      rates: { type: 'string', default: '200,1000' },
      'write-rate': { type: 'string', default: '50' },
      viewers: { type: 'string', default: '1000' },
      'http-seconds': { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '4000' },
      clients: { type: 'string', default: '64' },
      claimers: { type: 'string', default: '5000' },
      shares: { type: 'string', default: '1000' },
      total: { type: 'string', default: '1000000' },
      late: { type: 'string', default: '20000' },
      help: { type: 'boolean', default: false },
    },
  })
  const [name] = positionals
  if (values.help || (name !== 'ledger' && name !== 'feed' && name !== 'redpacket')) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  const pg = values.pg ?? process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL
  const postgresUrl = pg === 'off' || values.only === 'sqlite' ? undefined : pg
  if (name === 'redpacket') {
    return runRedPacketBench({
      postgresUrl,
      sqlite: values.only !== 'postgres',
      claimers: positiveInt(values.claimers, 'claimers'),
      shares: positiveInt(values.shares, 'shares'),
      total: positiveInt(values.total, 'total'),
      late: positiveInt(values.late, 'late'),
      lateConnections: positiveInt(values.clients, 'clients'),
    })
  }
  if (name === 'feed') {
    return runFeedBench({
      postgresUrl,
      sqlite: values.only !== 'postgres',
      users: positiveInt(values.users ?? '10000', 'users'),
      friends: positiveInt(values.friends, 'friends'),
      postSteps: values.posts.split(',').map((n) => positiveInt(n, 'posts')),
      rates: values.rates.split(',').map((n) => positiveInt(n, 'rates')),
      writeRate: Number(values['write-rate']),
      seconds: Number(values.seconds ?? '10'),
      viewers: positiveInt(values.viewers, 'viewers'),
    })
  }
  return runLedgerBench({
    postgresUrl,
    sqlite: values.only !== 'postgres',
    http: !values['no-http'],
    users: positiveInt(values.users ?? '200', 'users'),
    inProcessSeconds: Number(values.seconds ?? '3'),
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
