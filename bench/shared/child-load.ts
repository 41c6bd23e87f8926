import { spawn } from 'node:child_process'

/**
 * Runs a load generator script in its own Node process (so that it does not share the server's event loop): the
 * plan goes in on stdin as JSON, the result comes back as the last line of stdout.
 */
export function runInChild<Plan, Result>(script: string, plan: Plan): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (text: string) => (output += text))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`))
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1)!) as Result)
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
    child.stdin.end(JSON.stringify(plan))
  })
}

/** A load generator that reports phases while it runs: its messages, a way to answer them, and its result. */
export interface PhasedChild<Result> {
  /** The next message the child sends (`process.send`), e.g. "all sockets ready". */
  next(): Promise<unknown>
  send(message: unknown): void
  result: Promise<Result>
}

/**
 * As `runInChild`, with an IPC channel as well, for a bench that must act between the child's phases (measure
 * the server's memory once the child's sockets are connected, then let it start sending).
 */
export function startPhasedChild<Plan, Result>(script: string, plan: Plan): PhasedChild<Result> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit', 'ipc'] })
  const inbox: unknown[] = []
  const waiting: Array<(message: unknown) => void> = []
  child.on('message', (message) => {
    const waiter = waiting.shift()
    if (waiter) waiter(message)
    else inbox.push(message)
  })
  let output = ''
  child.stdout!.setEncoding('utf8')
  child.stdout!.on('data', (text: string) => (output += text))
  const result = new Promise<Result>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`))
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1)!) as Result)
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
  })
  child.stdin!.end(JSON.stringify(plan))
  return {
    next: () =>
      inbox.length > 0
        ? Promise.resolve(inbox.shift())
        : Promise.race([new Promise((resolve) => waiting.push(resolve)), result.then(() => undefined)]),
    send: (message) => void child.send(message as object),
    result,
  }
}
