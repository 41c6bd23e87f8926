import fs from 'node:fs'
import path from 'node:path'
import { freePort, runAsDatabaseUser, runOrThrow, tempDir } from './processes.js'

/** Where Debian/Ubuntu put the server binaries (initdb, pg_ctl): the newest version installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return undefined
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined
}

/** A throwaway PostgreSQL cluster of our own, so that the tests may stop and start it. */
export class PostgresCluster {
  readonly dir: string
  readonly port: number

  private constructor(
    private readonly bin: string,
    dir: string,
    port: number,
  ) {
    this.dir = dir
    this.port = port
  }

  static async create(): Promise<PostgresCluster> {
    const bin = postgresBinDir()
    if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql')
    const dir = tempDir('pg')
    if (process.getuid?.() === 0) runOrThrow('chown', ['postgres:postgres', dir])
    const cluster = new PostgresCluster(bin, dir, await freePort())
    cluster.run('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
    cluster.start()
    return cluster
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`
    this.run('pg_ctl', [
      '-D',
      path.join(this.dir, 'data'),
      '-l',
      path.join(this.dir, 'log'),
      '-o',
      options,
      '-w',
      'start',
    ])
  }

  /** `fast`: what an operator's restart does — sessions are terminated, clients see their connections drop. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', 'stop'])
  }

  destroy(): void {
    try {
      this.stop('immediate')
    } catch {
      // already stopped
    }
    fs.rmSync(this.dir, { recursive: true, force: true })
  }

  private run(tool: string, args: string[]): void {
    const { command, args: full } = runAsDatabaseUser(path.join(this.bin, tool), args)
    runOrThrow(command, full)
  }
}
