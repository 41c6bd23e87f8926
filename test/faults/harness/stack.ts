import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Nginx } from './nginx.js'
import { PostgresCluster } from './postgres.js'
import { Child, freePort, runOrThrow, tempDir, waitUntil } from './processes.js'
import { RedisServer } from './redis.js'

const CLI = path.resolve('src/server/cli.ts')
const BUILT_CLI = path.resolve('dist/server/cli.js')

/**
 * How to run the CLI: the build (what `npm start` runs, and quicker to start) when it is newer than every source
 * file, else the sources through tsx. node itself either way, not a wrapper, so that a signal reaches the server.
 */
function cliArgs(): string[] {
  const built = fs.existsSync(BUILT_CLI) ? fs.statSync(BUILT_CLI).mtimeMs : 0
  const fresh = built > 0 && ['src/server', 'src/shared'].every((dir) => newestMtime(path.resolve(dir)) <= built)
  return fresh ? [path.resolve('bin/lifecircle.js')] : ['--import', 'tsx', CLI]
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

/** One `lifecircle serve` process. */
export class ServerProcess {
  child: Child

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.child = this.spawn()
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async ready(): Promise<void> {
    await waitUntil(`${this.name} to answer /health`, async () => {
      if (!this.child.running) throw new Error(`${this.name} exited: ${this.child.tail()}`)
      return (await fetch(`${this.url}/api/v1/health`)).ok
    })
  }

  async restart(): Promise<void> {
    await this.child.stop()
    this.child = this.spawn()
    await this.ready()
  }

  private spawn(): Child {
    return new Child(this.name, process.execPath, [...cliArgs(), 'serve'], {
      env: { ...this.env, PORT: String(this.port) },
    })
  }
}

/**
 * A community as an operator runs it: PostgreSQL, Redis, two server processes and nginx in front, every part a
 * real process of its own that a test may kill.
 */
export class Stack {
  private constructor(
    readonly postgres: PostgresCluster,
    readonly redis: RedisServer,
    readonly servers: [ServerProcess, ServerProcess],
    readonly nginx: Nginx,
    private readonly env: NodeJS.ProcessEnv,
    private readonly dataDirs: string[],
  ) {}

  static async start(): Promise<Stack> {
    const postgres = await PostgresCluster.create()
    const redis = await RedisServer.create()
    const dataDirs = [tempDir('data-a'), tempDir('data-b')]
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      LIFECIRCLE_SECRET: crypto.randomBytes(32).toString('hex'),
      LIFECIRCLE_REDIS_PREFIX: `faults-${crypto.randomBytes(4).toString('hex')}:`,
      // nginx runs on this machine; clients are told apart by the X-Forwarded-For it passes on.
      LIFECIRCLE_TRUST_PROXY: '127.0.0.1',
      // Every person registers from this one machine: room for all their phone codes.
      LIFECIRCLE_SMS_CODES_PER_ADDRESS_HOUR: '100000',
      LOG_LEVEL: 'warn',
    }
    const a = new ServerProcess('server A', await freePort(), { ...env, DATA_DIR: dataDirs[0] })
    // One at a time: the first one migrates the empty database.
    await a.ready()
    const b = new ServerProcess('server B', await freePort(), { ...env, DATA_DIR: dataDirs[1] })
    await b.ready()
    const nginx = await Nginx.start([a.port, b.port])
    return new Stack(postgres, redis, [a, b], nginx, env, dataDirs)
  }

  get url(): string {
    return this.nginx.url
  }

  /** `lifecircle audit` against the stack's database: exit code 0 and its report. */
  audit(): string {
    return runOrThrow(process.execPath, [...cliArgs(), 'audit'], { ...this.env, DATA_DIR: this.dataDirs[0] })
  }

  /** What the parts said, for a failure message. */
  logs(): string {
    return (
      this.servers.map((s) => `--- ${s.name}\n${s.child.tail()}`).join('\n') + `\n--- nginx\n${this.nginx.errorLog()}`
    )
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.servers.map((s) => s.child.stop()))
    await this.nginx.stop().catch(() => undefined)
    await this.redis.stop().catch(() => undefined)
    this.postgres.destroy()
    for (const dir of this.dataDirs) fs.rmSync(dir, { recursive: true, force: true })
  }
}
