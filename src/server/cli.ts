import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from './app.js'
import { ConfigError, ENVIRONMENT_HELP, loadConfig, type Config } from './config.js'
import { createContext } from './context.js'
import { seedDemo } from './demo.js'

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

const USAGE = `Usage: lifecircle <command>

Commands:
  serve     migrate the database, then serve the web app and API (default)
  migrate   bring the database schema up to date and exit
  demo      seed a small demo community and print its logins
  operator grant|revoke <phone>
            let a user read operator pages (the sandbox SMS outbox), or stop them
  audit     prove the books: every balance re-derived from its transfers, all summing to zero
  openapi   print the OpenAPI document (JSON) and exit
  help      show this help

${ENVIRONMENT_HELP}`

/** Returns the process exit code; `serve` resolves once listening and keeps running. */
export async function main(args: string[]): Promise<number> {
  const [command = 'serve', ...rest] = args
  if (command === 'help' || command === '--help' || command === '-h' || rest.includes('--help')) {
    console.log(USAGE)
    return 0
  }
  let config: Config
  try {
    config = loadConfig(process.env, { webRoot: path.join(PACKAGE_ROOT, 'dist', 'web') })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`lifecircle: ${error.message}`)
    return 2
  }
  switch (command) {
    case 'serve':
      return serve(config)
    case 'migrate':
      return migrate(config)
    case 'demo':
      return demo(config)
    case 'openapi':
      return openapi(config)
    case 'audit':
      return audit(config)
    case 'operator':
      return operator(config, rest)
    default:
      console.error(`lifecircle: unknown command "${command}"\n\n${USAGE}`)
      return 2
  }
}

async function serve(config: Config): Promise<number> {
  const app = await buildApp(config)
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    await app.close()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
  await app.listen({ port: config.port, host: config.host })
  return 0
}

async function migrate(config: Config): Promise<number> {
  const ctx = await createContext(config)
  await ctx.close()
  console.log(`database is up to date (${ctx.database.dialect})`)
  return 0
}

async function demo(config: Config): Promise<number> {
  const ctx = await createContext(config)
  try {
    const logins = await seedDemo(ctx)
    console.log('Demo community ready. Log in with any of these (sandbox data):\n')
    for (const login of logins) {
      const note = login.created ? '' : '  (already there)'
      console.log(
        `  ${login.displayName.padEnd(6)} phone ${login.phone.padEnd(14)} password ${login.password}  PIN ${login.pin}${note}`,
      )
    }
    return 0
  } finally {
    await ctx.close()
  }
}

async function operator(config: Config, args: string[]): Promise<number> {
  const [action, phone] = args
  if ((action !== 'grant' && action !== 'revoke') || !phone) {
    console.error('usage: lifecircle operator grant|revoke <phone>')
    return 2
  }
  const ctx = await createContext(config)
  try {
    if (!(await ctx.accounts.setOperator(phone, action === 'grant'))) {
      console.error(`lifecircle: no user with phone ${phone}`)
      return 1
    }
    console.log(action === 'grant' ? `${phone} is now an operator` : `${phone} is no longer an operator`)
    return 0
  } finally {
    await ctx.close()
  }
}

/** Exits 0 only when the ledger proves sound; every discrepancy is printed. */
async function audit(config: Config): Promise<number> {
  const ctx = await createContext(config)
  try {
    const report = await ctx.ledger.audit()
    console.log(`ledger audit (${ctx.database.dialect}): ${report.accounts} accounts, ${report.transfers} transfers`)
    console.log(`  sum of all posted balances: ${report.postedSum}`)
    for (const problem of report.problems) console.log(`  ✗ ${problem}`)
    console.log(
      report.ok
        ? '  ✓ every balance equals its transfers, the books sum to zero, no wallet is negative'
        : `  ${report.problems.length} problem(s)`,
    )
    return report.ok ? 0 : 1
  } finally {
    await ctx.close()
  }
}

/** Builds the app on a throwaway database just to read the schema-generated document. */
async function openapi(config: Config): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-openapi-'))
  const app = await buildApp({ ...config, dataDir, databaseUrl: undefined, redisUrl: undefined, logLevel: 'silent' })
  try {
    await app.ready()
    console.log(JSON.stringify(app.swagger(), null, 2))
    return 0
  } finally {
    await app.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2))
