import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** How often the background connection copies the WAL back into the database file, or retries a purge. */
const CHECKPOINT_INTERVAL_MS = 1_000
/** A purge is tried this many times, this far apart, before its caller hears that it waits for a reader. */
const PURGE_QUICK_TRIES = 5
const PURGE_QUICK_GAP_MS = 20
/** A purge still waiting after this long is reported as a warning: a reader that never leaves needs a person. */
const PURGE_OVERDUE_MS = 5 * 60_000

/**
 * Runs in the worker: a connection of its own for checkpoints. Plain CommonJS, so it runs the same under the
 * compiled server and in tests.
 *
 * A purge (after a burn) is a TRUNCATE checkpoint: it copies every frame into the database file and cuts the WAL to
 * zero bytes, which SQLite can only do once no reader is left in the WAL. It never waits for that (busy_timeout 0):
 * while a TRUNCATE waits it holds the write lock, and the main connection would wait for it on the event loop.
 * A purge that a reader holds back stays pending and is retried on every tick instead of the PASSIVE checkpoint,
 * until it gets through. One left pending when a previous process stopped is tried at start.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 0')
const report = (message) => parentPort.postMessage(message)
const guarded = (run) => {
  try {
    return run()
  } catch (error) {
    report({ error: String(error) })
    return false
  }
}
const checkpoint = () => guarded(() => db.pragma('wal_checkpoint(PASSIVE)'))
// PASSIVE first copies what it can without holding anyone up, so the TRUNCATE holds the write lock only briefly.
const truncate = () =>
  guarded(() => {
    db.pragma('wal_checkpoint(PASSIVE)')
    return db.pragma('wal_checkpoint(TRUNCATE)')[0].busy === 0
  })

let pendingSince = 0
let attempts = 0
let announced = false
let overdue = false
const attempt = () => {
  attempts++
  if (!truncate()) return false
  if (announced) report({ purged: { waitedMs: Date.now() - pendingSince, attempts } })
  pendingSince = 0
  attempts = 0
  announced = false
  overdue = false
  return true
}
const defer = () => {
  if (!announced) report({ deferred: true })
  announced = true
  const waitedMs = Date.now() - pendingSince
  if (overdue || waitedMs < workerData.overdueMs) return
  overdue = true
  report({ overdue: { waitedMs, attempts } })
}
const tick = () => {
  if (!pendingSince) checkpoint()
  else if (!attempt()) defer()
}

truncate()
const timer = setInterval(tick, workerData.intervalMs)
parentPort.on('message', (message) => {
  if (message.purge !== undefined) {
    pendingSince = pendingSince || Date.now()
    let tries = 0
    const tryNow = () => {
      if (!pendingSince || attempt()) return report({ answer: message.purge, purged: true })
      // Known to wait for a reader already: no quick tries, so a housekeeping round burning many is not held up.
      if (!announced && ++tries < workerData.quickTries) return setTimeout(tryNow, workerData.quickGapMs)
      defer()
      report({ answer: message.purge, purged: false })
    }
    return tryNow()
  }
  clearInterval(timer)
  if (pendingSince && !attempt()) report({ unpurged: true })
  else checkpoint()
  db.close()
  parentPort.close()
})
`

/** What happens in the background, which no request would report. */
export interface BackgroundLog {
  warn(message: string, details?: object): void
  info(message: string, details?: object): void
}

export interface WalCheckpointer {
  /**
   * Copies the WAL into the database file and truncates it, in the worker. Resolves within about a tenth of a second
   * (at once while an earlier purge already waits for a reader): true when done, false when a reader holds the WAL,
   * in which case the worker keeps trying until it is done.
   */
  purge(): Promise<boolean>
  stop(): Promise<void>
}

type WorkerReport =
  | { error: string }
  | { answer: number; purged: boolean }
  | { deferred: true }
  | { purged: { waitedMs: number; attempts: number } }
  | { overdue: { waitedMs: number; attempts: number } }
  | { unpurged: true }

/**
 * SQLite checkpoints the WAL on whichever connection commits past 1,000 pages, and with better-sqlite3 that is the
 * event loop: the copy and the database file's fsync stall every request for as long as they take. The main
 * connection's automatic checkpoints are turned off and a worker thread checkpoints instead, every second.
 * Durability is unchanged: each commit still syncs the WAL (`synchronous = FULL`) before it is acknowledged.
 */
export function startWalCheckpointer(file: string, log: BackgroundLog): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver,
      intervalMs: CHECKPOINT_INTERVAL_MS,
      quickTries: PURGE_QUICK_TRIES,
      quickGapMs: PURGE_QUICK_GAP_MS,
      overdueMs: PURGE_OVERDUE_MS,
    },
  })
  const answers = new Map<number, (purged: boolean) => void>()
  let nextId = 0
  let stopping = false
  worker.on('message', (message: WorkerReport) => {
    if ('error' in message) log.warn('background WAL checkpoint failed', { err: message.error })
    else if ('answer' in message) settle(message.answer, message.purged)
    else if ('deferred' in message) log.info('burned text waits for a reader to leave the WAL before it is purged')
    else if ('purged' in message) log.info('burned text purged from the WAL', message.purged)
    else if ('overdue' in message) log.warn('burned text still waits for a reader to leave the WAL', message.overdue)
    else log.warn('burned text not purged from the WAL before shutdown: a reader held it; tried again at start')
  })
  worker.on('error', (error) => log.warn('background WAL checkpoint failed', { err: String(error) }))
  worker.unref()
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      for (const id of answers.keys()) settle(id, false)
      resolve()
    }),
  )
  // Unreferenced, the worker would let a process end while a caller awaits its answer, that await never settled.
  function settle(id: number, purged: boolean) {
    answers.get(id)?.(purged)
    answers.delete(id)
    if (answers.size === 0 && !stopping) worker.unref()
  }
  return {
    purge() {
      if (stopping) return Promise.resolve(false)
      const id = nextId++
      worker.ref()
      worker.postMessage({ purge: id })
      return new Promise((resolve) => answers.set(id, resolve))
    },
    async stop() {
      stopping = true
      worker.ref()
      worker.postMessage({ stop: true })
      await exited
    },
  }
}
