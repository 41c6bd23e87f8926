import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const CLI = path.join(ROOT, 'src/server/cli.ts')

export interface ClusterPlan {
  ports: number[]
  /** DATABASE_URL, REDIS_URL, LIFECIRCLE_SECRET… for every process alike. */
  env: Record<string, string>
  /** Where each line a process prints goes, prefixed with its port. */
  print: (line: string) => void
}

export interface RunningCluster {
  urls: string[]
  /** Resolves once every process answers /health; rejects if one fails to start (the others are then stopped). */
  ready: Promise<void>
  /** SIGTERM to every process started so far (and no more are started), then waits for all to exit. */
  stop(): Promise<void>
  /** Resolves with the port of the first process that exits. */
  exited: Promise<number>
}

/** `lifecircle <command>` from the sources, with the given environment; resolves with its exit code. */
export function runCli(args: string[], env: Record<string, string>, print: (line: string) => void): Promise<number> {
  const child = spawnCli(args, env)
  prefixLines(child, `[${args[0]}] `, print)
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

/**
 * Migrates once, then starts one `lifecircle serve` per port, each after the one before answers /health (so that
 * a secret generated into a shared DATA_DIR is generated once), with every line of output prefixed by its port.
 * `stop` may be called at any time, during the start too.
 */
export function startCluster(plan: ClusterPlan): RunningCluster {
  const children: ChildProcess[] = []
  let stopped = false
  let firstExit: (port: number) => void = () => {}
  const exited = new Promise<number>((resolve) => (firstExit = resolve))
  const stop = async () => {
    stopped = true
    const alive = children.filter((child) => child.exitCode === null && child.signalCode === null)
    for (const child of alive) child.kill('SIGTERM')
    await Promise.all(alive.map((child) => new Promise((resolve) => child.once('exit', resolve))))
  }
  const ready = (async () => {
    const migrated = await runCli(['migrate'], plan.env, plan.print)
    if (migrated !== 0) throw new Error(`migration failed (exit ${migrated})`)
    for (const port of plan.ports) {
      if (stopped) return
      const child = spawnCli(['serve'], { ...plan.env, PORT: String(port) })
      children.push(child)
      child.once('exit', () => firstExit(port))
      prefixLines(child, `[${port}] `, plan.print)
      await waitForHealth(`http://127.0.0.1:${port}`, child)
    }
  })()
  ready.catch(() => stop())
  return { urls: plan.ports.map((port) => `http://127.0.0.1:${port}`), ready, stop, exited }
}

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function prefixLines(child: ChildProcess, prefix: string, print: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ''
    stream?.setEncoding('utf8')
    stream?.on('data', (text: string) => {
      const lines = (rest + text).split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) print(prefix + line)
    })
    stream?.on('end', () => rest && print(prefix + rest))
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode} before serving`)
    const health = await fetch(`${url}/api/v1/health`).catch(() => undefined)
    if (health?.ok) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url}: no healthy answer within ${timeoutMs / 1000} s`)
}
