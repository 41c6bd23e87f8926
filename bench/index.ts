import { parseArgs } from 'node:util'
import { runChatBench } from './chat/index.js'
import { runDanmakuBench } from './danmaku/index.js'
import { runFeedBench } from './feed/index.js'
import { runImportBench } from './import/index.js'
import { runLedgerBench } from './ledger/index.js'
import { runMixedBench } from './mixed/index.js'
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

  chat      message delivery latency p50/p99 and messages lost over WebSockets at a fixed send rate, 1:1 and
            50-member groups, and server memory per idle socket; on SQLite and PostgreSQL, with the in-process
            bus and with Redis

Options (chat):
  --pg <url>, --only <engine>   as for ledger
  --redis <url>        Redis for the bus runs, under a prefix of its own (default: $REDIS_URL, else
                       redis://127.0.0.1:6379); --redis off: in-process bus only
  --bus <which>        memory | redis | both (both)
  --sockets <n>        sockets, one per user (5000)
  --rate <n>           messages per second, open loop (2000)
  --seconds <s>        length of the measured sending (10)
  --group-share <f>    share of messages sent to 50-member groups (0.2)
  --friends <n>        friends per user, even, at least 50 (150)
  --idle-seconds <s>   sockets idle before memory is read (5)
  --drain-seconds <s>  wait at most this long for frames after the last answer (10)

  danmaku   one live room: danmaku delivery latency p50/p99, drops and losses over WebSockets at a fixed send rate,
            server CPU and heap per socket, at several viewer counts; then the largest viewer count whose p99 stays
            within 250 ms with nothing lost; batched fan-out (the product) and naive (a frame per danmaku per viewer)

Options (danmaku):
  --viewers <a,b,…>    viewer counts to measure, one socket each, ascending (1000,5000,10000)
  --rate <n>           danmaku per second, open loop, from 2 × rate senders (100)
  --seconds <s>        length of the measured sending (10)
  --fanout <which>     batched | naive | both (both)
  --search-runs <n>    further runs to find the largest count meeting the target; 0: none (6)
  --max-viewers <n>    the search's ceiling (19000: each process needs one file per socket)
  --drain-seconds <s>  wait at most this long for frames after the last answer (10)

  redpacket one lucky packet claimed over HTTP by every member of a group at the same instant: claim latency,
            time until every share is allocated, refused claims per second once it is empty, the ledger audit;
            on SQLite and PostgreSQL

Options (redpacket):
  --pg <url>, --only <engine>   as for ledger
  --claimers <n>       group members who all claim at once, one connection each (5000)
  --shares <n>         shares in the packet (1000)
  --total <fen>        money in the packet (1000000)
  --late <n>           claims on the empty packet, closed loop (20000)
  --clients <n>        connections of the late claims' closed loop (64)

  mixed     two server processes on PostgreSQL + Redis under a realistic mix at a constant rate: feed reads, likes,
            comments, chat, transfers, tips and danmaku; throughput, p50/p99 per kind, errors, then the ledger audit

Options (mixed):
  --pg <url>           PostgreSQL server; a fresh database is created on it and dropped after ($DATABASE_URL, else
                       postgres://postgres@127.0.0.1:5432/test)
  --redis <url>        Redis, under a prefix of its own ($REDIS_URL, else redis://127.0.0.1:6379)
  --ports <a,b,…>      one server process per port (3101,3102)
  --users <n>          members, seeded over HTTP (40)
  --rate <n>           requests per second, all kinds together (100)
  --seconds <s>        length of the measured run (120)
  --warmup <s>         sent first at the same rate and not counted (10)
  --connections <n>    connections per process (16)

  import    /health latency p50/p99/max on a listening server while a host imports the largest danmaku file
            the server takes (20,000 items, just under 5 MiB), on SQLite and PostgreSQL

Options (import):
  --pg <url>, --only <engine>   as for ledger
  --runs <n>           imports per engine, one after another (3)
  --probe-ms <n>       a /health probe every n ms, open loop (5)

Run with node --expose-gc (see docs/performance.md) for memory readings after a full collection.`

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test'
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

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
      viewers: { type: 'string' },
      'http-seconds': { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '4000' },
      clients: { type: 'string', default: '64' },
      claimers: { type: 'string', default: '5000' },
      shares: { type: 'string', default: '1000' },
      total: { type: 'string', default: '1000000' },
      late: { type: 'string', default: '20000' },
      redis: { type: 'string' },
      bus: { type: 'string', default: 'both' },
      sockets: { type: 'string', default: '5000' },
      rate: { type: 'string' },
      fanout: { type: 'string', default: 'both' },
      'search-runs': { type: 'string', default: '6' },
      'max-viewers': { type: 'string', default: '19000' },
      'group-share': { type: 'string', default: '0.2' },
      'idle-seconds': { type: 'string', default: '5' },
      'drain-seconds': { type: 'string', default: '10' },
      ports: { type: 'string', default: '3101,3102' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      runs: { type: 'string' },
      'probe-ms': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  const [name] = positionals
  if (values.help || !['ledger', 'feed', 'chat', 'danmaku', 'redpacket', 'mixed', 'import'].includes(name ?? '')) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  const pg = values.pg ?? process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL
  const postgresUrl = pg === 'off' || values.only === 'sqlite' ? undefined : pg
  if (name === 'import') {
    return runImportBench({
      postgresUrl,
      sqlite: values.only !== 'postgres',
      runs: positiveInt(values.runs ?? '3', 'runs'),
      probeEveryMs: positiveInt(values['probe-ms'] ?? '5', 'probe-ms'),
    })
  }
  if (name === 'mixed') {
    return runMixedBench({
      postgresUrl: pg === 'off' ? DEFAULT_POSTGRES_URL : pg,
      redisUrl: values.redis ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
      ports: values.ports.split(',').map((n) => positiveInt(n, 'ports')),
      users: positiveInt(values.users ?? '40', 'users'),
      rate: positiveInt(values.rate ?? '100', 'rate'),
      seconds: positiveInt(values.seconds ?? '120', 'seconds'),
      warmupSeconds: Number(values.warmup ?? '10'),
      connections: positiveInt(values.connections ?? '16', 'connections'),
    })
  }
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
  if (name === 'chat') {
    const redis = values.redis ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL
    if (!['memory', 'redis', 'both'].includes(values.bus)) throw new Error('--bus must be memory, redis or both')
    const groupShare = Number(values['group-share'])
    if (!(groupShare >= 0 && groupShare <= 1)) throw new Error('--group-share must be between 0 and 1')
    return runChatBench({
      postgresUrl,
      sqlite: values.only !== 'postgres',
      redisUrl: redis === 'off' || values.bus === 'memory' ? undefined : redis,
      memoryBus: values.bus !== 'redis',
      sockets: positiveInt(values.sockets, 'sockets'),
      rate: positiveInt(values.rate ?? '2000', 'rate'),
      seconds: positiveInt(values.seconds ?? '10', 'seconds'),
      groupShare,
      friends: positiveInt(values.friends, 'friends'),
      directsPerUser: 2,
      groupsPerUser: 2,
      idleSeconds: Number(values['idle-seconds']),
      drainSeconds: Number(values['drain-seconds']),
    })
  }
  if (name === 'danmaku') {
    if (!['batched', 'naive', 'both'].includes(values.fanout))
      throw new Error('--fanout must be batched, naive or both')
    const searchRuns = Number(values['search-runs'])
    if (!Number.isInteger(searchRuns) || searchRuns < 0) throw new Error('--search-runs must be 0 or more')
    return runDanmakuBench({
      viewers: (values.viewers ?? '1000,5000,10000').split(',').map((n) => positiveInt(n, 'viewers')),
      fanouts: values.fanout === 'both' ? ['batched', 'naive'] : [values.fanout as 'batched' | 'naive'],
      rate: positiveInt(values.rate ?? '100', 'rate'),
      seconds: positiveInt(values.seconds ?? '10', 'seconds'),
      searchRuns,
      maxViewers: positiveInt(values['max-viewers'], 'max-viewers'),
      drainSeconds: Number(values['drain-seconds']),
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
      viewers: positiveInt(values.viewers ?? '1000', 'viewers'),
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
