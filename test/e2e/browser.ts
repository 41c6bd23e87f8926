import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM_PATH } from '../helpers/optional.js'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export const SCREENSHOT_DIR = path.resolve('docs/screenshots')

export interface MobileBrowser {
  context: BrowserContext
  page: Page
  /** Console errors and uncaught exceptions, CSP violations included. */
  problems: string[]
  close(): Promise<void>
}

/** A phone-sized Chromium with a fresh profile, as a first-time visitor with this browser language. */
export async function openMobileBrowser(locale: string): Promise<MobileBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-e2e-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    // A 401 from GET /me (not signed in) and deliberate 4xx answers are logged by Chromium; they are not bugs.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`)
    }
  })
  return {
    context,
    page,
    problems,
    async close() {
      await context.close()
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.evaluate('document.fonts.ready.then(() => true)')
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), animations: 'disabled', caret: 'hide' })
}
