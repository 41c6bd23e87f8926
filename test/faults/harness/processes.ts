import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lifecircle-faults-${name}-`))
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls until `check` is true or throws when `timeoutMs` has passed. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await sleep(100)
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
}

/** A child whose output is kept (and shown when something fails) rather than mixed into the test report. */
export class Child {
  readonly output: string[] = []
  readonly exited: Promise<number | null>

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: SpawnOptions = {},
  ) {
    const child: ChildProcess = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    this.process = child
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')))
    }
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ? -1 : code)))
  }

  readonly process: ChildProcess

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null
  }

  /** Ends it and waits; SIGKILL is the crash the fault tests are about. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return
    this.process.kill(signal)
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000)
    await this.exited
    clearTimeout(timer)
  }

  tail(lines = 40): string {
    return this.output.join('').split('\n').slice(-lines).join('\n')
  }
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
export function runAsDatabaseUser(command: string, args: string[]): { command: string; args: string[] } {
  if (process.getuid?.() !== 0) return { command, args }
  return { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
}

export function runOrThrow(command: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...(env ? { env } : {}) })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`)
  }
  return result.stdout
}
