import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** How often the background connection copies the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 1_000

/**
 * Runs in the worker: a connection of its own that does nothing but PASSIVE checkpoints, which never wait for the
 * main connection's readers or writer. Plain CommonJS, so it runs the same under the compiled server and in tests.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 1000')
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    parentPort.postMessage({ error: String(error) })
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.close()
})
`

export interface WalCheckpointer {
  stop(): Promise<void>
}

/**
 * SQLite checkpoints the WAL on whichever connection commits past 1,000 pages, and with better-sqlite3 that is the
 * event loop: the copy and the database file's fsync stall every request for as long as they take. The main
 * connection's automatic checkpoints are turned off and a worker thread checkpoints instead, every second.
 * Durability is unchanged: each commit still syncs the WAL (`synchronous = FULL`) before it is acknowledged.
 */
export function startWalCheckpointer(file: string, onError: (message: string) => void): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs: CHECKPOINT_INTERVAL_MS },
  })
  worker.on('message', (message: { error?: string }) => {
    if (message.error) onError(message.error)
  })
  worker.on('error', (error) => onError(String(error)))
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    async stop() {
      // Unreferenced, the worker would let a command's process end while waiting here, its await never settled.
      worker.ref()
      worker.postMessage('stop')
      await exited
    },
  }
}
