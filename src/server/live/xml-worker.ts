import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** A parse of a file within the byte limit needs well under this; a bigger heap means a hostile file. */
const WORKER_HEAP_MB = 256

/**
 * Runs in the worker: the whole file is checked and parsed here, so that a 5 MB file costs the event loop nothing
 * but the copy of the answer. Plain CommonJS, so it runs the same under the compiled server and in tests.
 *
 * Entities: only the five XML ones and character references are decoded. Entities a DOCTYPE declares are never
 * expanded (their references stay as written); a DOCTYPE naming anything outside the file (an external subset,
 * SYSTEM or PUBLIC entities, parameter entities) or declaring an oversized entity refuses the file.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { XMLParser, XMLValidator } = require(workerData.parser)

const PREDEFINED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const isXmlChar = (c) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff)
const entityDecoder = {
  setExternalEntities() {},
  addInputEntities() {},
  reset() {},
  setXmlVersion() {},
  decode(text) {
    if (text.indexOf('&') === -1) return text
    return text.replace(/&(?:#(\\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g, (whole, dec, hex, name) => {
      if (name) return PREDEFINED[name]
      const code = dec ? Number(dec) : parseInt(hex, 16)
      return isXmlChar(code) ? String.fromCodePoint(code) : whole
    })
  },
}
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  entityDecoder,
  processEntities: { enabled: true, maxEntitySize: workerData.maxEntityChars, maxEntityCount: 100 },
  isArray: (name) => name === 'd',
})

function read(xml, maxItems) {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) return { invalid: valid.err.msg + ' (line ' + valid.err.line + ')' }
  if (/<!DOCTYPE\\s+[^\\s[>]+\\s+(?:SYSTEM|PUBLIC)\\b/.test(xml)) return { invalid: 'external DTD' }
  let root
  try {
    root = parser.parse(xml).i
  } catch (error) {
    return { invalid: String(error && error.message) }
  }
  if (root === undefined || root === null || typeof root !== 'object') return { invalid: 'no <i> root element' }
  const items = Array.isArray(root.d) ? root.d : []
  if (items.length > maxItems) return { tooMany: items.length }
  // p and text side by side, flat: cheaper to copy back than an object per item.
  const fields = new Array(items.length * 2)
  items.forEach((d, i) => {
    const attributes = typeof d === 'object' && d !== null ? d : {}
    fields[2 * i] = typeof attributes.p === 'string' ? attributes.p : null
    fields[2 * i + 1] = typeof attributes['#text'] === 'string' ? attributes['#text'] : ''
  })
  return { fields }
}

parentPort.once('message', ({ xml, maxItems }) => parentPort.postMessage(read(xml, maxItems)))
`

/** `p` (null when missing) and text of each <d>, in file order, flat: [p0, text0, p1, text1, …]. */
export type RawItems = Array<string | null>

export type WorkerAnswer = { fields: RawItems } | { invalid: string } | { tooMany: number }

/**
 * Parses Bilibili XML on a worker thread, one file at a time per process: a parse holds up to a few hundred MB
 * of heap for a moment, and hosts importing at once wait their turn rather than multiply it.
 */
export class XmlWorkerQueue {
  private readonly parserPath = createRequire(import.meta.url).resolve('fast-xml-parser')
  private last: Promise<unknown> = Promise.resolve()

  constructor(private readonly maxEntityChars: number) {}

  read(xml: string, maxItems: number): Promise<WorkerAnswer> {
    const turn = this.last.then(() => this.run(xml, maxItems))
    this.last = turn.catch(() => undefined)
    return turn
  }

  private run(xml: string, maxItems: number): Promise<WorkerAnswer> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { parser: this.parserPath, maxEntityChars: this.maxEntityChars },
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      })
      worker.once('message', (answer: WorkerAnswer) => {
        resolve(answer)
        void worker.terminate()
      })
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`XML worker exited with code ${code}`)))
      worker.postMessage({ xml, maxItems })
    })
  }
}
