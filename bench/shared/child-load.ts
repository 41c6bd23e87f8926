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
