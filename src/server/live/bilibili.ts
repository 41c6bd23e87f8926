import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { DANMAKU_TEXT_MAX, TEXT_PATTERN, VIDEO_TIME_MAX } from '../../shared/api/live.js'
import { XmlWorkerQueue } from './xml-worker.js'

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

export class TooManyItemsError extends Error {}

/** Bilibili's mode numbers that this app renders: 1–3 scroll, 4 bottom, 5 top. 6 (reverse), 7, 8, 9 are skipped. */
const MODES: Record<string, DanmakuMode> = { '1': 'scroll', '2': 'scroll', '3': 'scroll', '4': 'bottom', '5': 'top' }
const MODE_NUMBERS: Record<DanmakuMode, number> = { scroll: 1, bottom: 4, top: 5 }

/** A DOCTYPE may declare small entities (never expanded); a bigger one is a bomb in the making. */
const MAX_ENTITY_CHARS = 1024
/** Items read between two turns of the event loop. */
const READ_SLICE = 500
/**
 * What a `p` field may hold; an item outside is skipped. Every column holds these, and a send time within the year
 * 9999 is a date that both engines and `Date` can write out.
 */
const FIELD_RANGES = {
  fontSize: [1, 255],
  color: [0, 0xffffff],
  sentAt: [0, 253_402_300_799],
  pool: [0, 255],
  weight: [0, 255],
} as const
/** int64, and the sender hashes Bilibili writes (8 hex digits, or a decimal CRC). */
const DMID = /^\d{1,20}$/
const SENDER_HASH = /^[0-9A-Za-z]{0,32}$/
const TEXT = new RegExp(TEXT_PATTERN)

const workers = new XmlWorkerQueue(MAX_ENTITY_CHARS)

/**
 * Reads a Bilibili danmaku file. Liberal in what it accepts — 8 or 9 fields, float or integer times, decimal or hex
 * sender hashes, unsorted items, duplicates (kept) — but a file that is not well-formed XML, or one that brings
 * entities from elsewhere, is refused whole. Items whose mode this app does not render, whose `p` cannot be read or
 * holds numbers out of range, or whose text a viewer could not have sent (empty, too long, control characters) are
 * skipped and counted. The file is parsed on a worker thread and its items read a slice per event-loop turn.
 */
export async function parseBilibiliXml(
  xml: string,
  maxItems: number,
): Promise<{ items: BilibiliDanmaku[]; skipped: number }> {
  const answer = await workers.read(xml, maxItems)
  if ('invalid' in answer) throw new InvalidXmlError(answer.invalid)
  if ('tooMany' in answer) throw new TooManyItemsError()
  const { fields } = answer
  const items: BilibiliDanmaku[] = []
  let skipped = 0
  for (let i = 0; i < fields.length; i += 2) {
    if (i > 0 && i % (2 * READ_SLICE) === 0) await yieldToEventLoop()
    const p = fields[i]
    const item = p === null || p === undefined ? undefined : readItem(p, fields[i + 1] ?? '')
    if (item) items.push(item)
    else skipped++
  }
  return { items, skipped }
}

function readItem(p: string, text: string): BilibiliDanmaku | undefined {
  const fields = p.split(',').map((f) => f.trim())
  if (fields.length < 8 || !isSendable(text)) return undefined
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
  if (!mode || !(videoTime >= 0 && videoTime <= VIDEO_TIME_MAX)) return undefined
  if (!DMID.test(dmid) || !SENDER_HASH.test(senderHash)) return undefined
  const fontSize = integerIn(size, 25, FIELD_RANGES.fontSize)
  const rgb = integerIn(color, 0xffffff, FIELD_RANGES.color)
  const sent = integerIn(sentAt, 0, FIELD_RANGES.sentAt)
  const poolNumber = integerIn(pool, 0, FIELD_RANGES.pool)
  const weightNumber = weight === undefined || weight === '' ? null : integerIn(weight, 0, FIELD_RANGES.weight)
  if (fontSize === undefined || rgb === undefined || sent === undefined) return undefined
  if (poolNumber === undefined || weightNumber === undefined) return undefined
  return {
    videoTime,
    mode,
    fontSize,
    color: rgb,
    sentAt: sent,
    pool: poolNumber,
    senderHash,
    dmid,
    weight: weightNumber,
    text,
  }
}

/** The rules a viewer's danmaku meets: 1–100 characters, no control characters but tab and newline. */
function isSendable(text: string): boolean {
  if (text.trim() === '' || text.length > 2 * DANMAKU_TEXT_MAX) return false
  return [...text].length <= DANMAKU_TEXT_MAX && TEXT.test(text)
}

/** An empty field takes the default; anything else must be an integer in range. */
function integerIn(value: string, fallback: number, [min, max]: readonly [number, number]): number | undefined {
  if (value === '') return fallback
  const n = Number(value)
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined
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
