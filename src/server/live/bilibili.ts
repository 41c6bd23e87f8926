import { XMLParser, XMLValidator } from 'fast-xml-parser'

export type DanmakuMode = 'scroll' | 'top' | 'bottom'

/** A danmaku in the fields the Bilibili XML format carries. */
export interface BilibiliDanmaku {
  /** Seconds into the video. */
  videoTime: number
  mode: DanmakuMode
  /** Font size in pixels as Bilibili writes it: 18 small, 25 normal, 36 large (others occur). */
  fontSize: number
  /** RGB888 as an integer. */
  color: number
  /** Unix seconds. */
  sentAt: number
  /** 0 normal, 1 subtitle, 2 special. */
  pool: number
  senderHash: string
  /** int64: may exceed 2^53, so it stays a string. */
  dmid: string
  /** 0–10, newer files only. */
  weight: number | null
  text: string
}

export class InvalidXmlError extends Error {}

/** Bilibili's mode numbers that this app renders: 1–3 scroll, 4 bottom, 5 top. 6 (reverse), 7, 8, 9 are skipped. */
const MODES: Record<string, DanmakuMode> = { '1': 'scroll', '2': 'scroll', '3': 'scroll', '4': 'bottom', '5': 'top' }
const MODE_NUMBERS: Record<DanmakuMode, number> = { scroll: 1, bottom: 4, top: 5 }

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Text is exactly as written: no trimming (trailing spaces are part of a comment), no number guessing.
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (&#128514;) decode to their characters; `&amp;#128514;` stays the literal text.
  htmlEntities: true,
  isArray: (name) => name === 'd',
})

/**
 * Reads a Bilibili danmaku file. Liberal in what it accepts — 8 or 9 fields, float or integer times, decimal or hex
 * sender hashes, unsorted items, duplicates (kept) — but a file that is not well-formed XML is refused whole.
 * Items whose mode this app does not render, or whose `p` cannot be read, are skipped and counted.
 */
export function parseBilibiliXml(xml: string): { items: BilibiliDanmaku[]; skipped: number } {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new InvalidXmlError(`${valid.err.msg} (line ${valid.err.line})`)
  const root = (parser.parse(xml) as { i?: { d?: Array<{ p?: string; '#text'?: string } | string> } }).i
  if (root === undefined) throw new InvalidXmlError('no <i> root element')
  const items: BilibiliDanmaku[] = []
  let skipped = 0
  for (const d of root.d ?? []) {
    const item = typeof d === 'string' ? undefined : readItem(d.p ?? '', d['#text'] ?? '')
    if (item) items.push(item)
    else skipped++
  }
  return { items, skipped }
}

function readItem(p: string, text: string): BilibiliDanmaku | undefined {
  const fields = p.split(',').map((f) => f.trim())
  if (fields.length < 8) return undefined
  const [time, modeNumber, size, color, sentAt, pool, senderHash, dmid, weight] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ]
  const mode = MODES[modeNumber]
  const videoTime = Number(time)
  if (!mode || !Number.isFinite(videoTime) || videoTime < 0 || !/^\d+$/.test(dmid)) return undefined
  return {
    videoTime,
    mode,
    fontSize: integerOr(size, 25),
    color: integerOr(color, 0xffffff) & 0xffffff,
    sentAt: integerOr(sentAt, 0),
    pool: integerOr(pool, 0),
    senderHash,
    dmid,
    weight: weight === undefined || weight === '' ? null : integerOr(weight, 0),
    text,
  }
}

function integerOr(value: string, fallback: number): number {
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : fallback
}

/** Writes danmaku as a Bilibili file, field for field; `weight` only when known, as newer files do. */
export function toBilibiliXml(chatId: string, items: BilibiliDanmaku[]): string {
  const lines = items.map((d) => {
    const p = [
      String(d.videoTime),
      String(MODE_NUMBERS[d.mode]),
      String(d.fontSize),
      String(d.color),
      String(d.sentAt),
      String(d.pool),
      d.senderHash,
      d.dmid,
      ...(d.weight === null ? [] : [String(d.weight)]),
    ].join(',')
    return `<d p="${escapeXml(p)}">${escapeXml(d.text)}</d>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<i><chatserver>lifecircle</chatserver><chatid>${escapeXml(chatId)}</chatid><mission>0</mission><maxlimit>${items.length}</maxlimit><state>0</state><real_name>0</real_name><source>k-v</source>`,
    ...lines,
    '</i>',
    '',
  ].join('\n')
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`)
}
