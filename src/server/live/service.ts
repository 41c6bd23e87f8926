import crypto from 'node:crypto'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type SQLite from 'better-sqlite3'
import { monotonicFactory } from 'ulid'
import {
  DANMAKU_IMPORT_MAX_ITEMS,
  type CreateEventBody,
  type DanmakuQuery,
  type DanmakuView,
  type EventsQuery,
  type EventView,
  type MuteBody,
  type SendDanmakuBody,
} from '../../shared/api/live.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { Db } from '../db/database.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { containsKeyword } from '../../shared/validation/text.js'
import type { MediaService } from '../media/service.js'
import {
  InvalidXmlError,
  parseBilibiliXml,
  toBilibiliXml,
  TooManyItemsError,
  type BilibiliDanmaku,
} from './bilibili.js'
import {
  DanmakuFilteredError,
  DanmakuImportTooLargeError,
  DanmakuMutedError,
  EventNotLiveError,
  EventStateInvalidError,
  InvalidXmlBodyError,
  RecallWindowPassedError,
} from './errors.js'
import type { SendRate } from './rate.js'
import type { LiveRooms } from './rooms.js'
import {
  addKeywords,
  allDanmaku,
  danmakuWindow,
  eventsWithCover,
  findDanmaku,
  findEvent,
  insertEvent,
  insertImported,
  isMuted,
  keywordsOf,
  listEvents,
  moveEvent,
  mute,
  recallDanmaku,
  unmute,
  type DanmakuRow,
  type EventRow,
} from './store.js'
import { DanmakuWriter } from './writer.js'

const newId = monotonicFactory()

/** Words no room wants; each host adds their own. */
export const BASE_KEYWORDS = ['加微信', '加VX', '代刷', '刷单', '赌博', '博彩', 'http://', 'https://']
const FONT_SIZES = { small: 18, normal: 25, large: 36 } as const
const RECALL_WINDOW_MS = 2 * 60_000
/** Imported rows built between two turns of the event loop. */
const ROWS_PER_TURN = 500

export interface LiveDeps {
  db: Db
  /** Present on SQLite: imports write through the driver's own statement. */
  sqlite: SQLite.Database | undefined
  accounts: AccountsService
  media: MediaService
  rooms: LiveRooms
  /** One danmaku per second with a burst of three, per person: a room is for watching, not flooding. */
  rate: SendRate
  clock: () => number
}

/**
 * 現場: events with a stream, and danmaku flying over it. A danmaku is stored first (with its video time, for replay)
 * and then published to the room, whose processes batch it to their sockets. Bilibili XML goes in and out field for
 * field.
 */
export class LiveService {
  private readonly writer: DanmakuWriter

  constructor(private readonly deps: LiveDeps) {
    this.writer = new DanmakuWriter(deps.db)
  }

  async create(actor: Actor, body: CreateEventBody): Promise<EventView> {
    const cover = body.coverMediaId ? await this.deps.media.ownedViews(actor.id, [body.coverMediaId]) : []
    const now = this.deps.clock()
    const row: EventRow = {
      id: newId(),
      host_id: actor.id,
      title: body.title.trim(),
      description: body.description?.trim() ?? '',
      starts_at: Date.parse(body.startsAt),
      stream_url: body.streamUrl ?? null,
      replay_url: null,
      cover_media_id: cover[0]?.id ?? null,
      status: 'upcoming',
      started_at: null,
      ended_at: null,
      export_salt: crypto.randomBytes(16).toString('hex'),
      created_at: now,
    }
    await insertEvent(this.deps.db, row)
    return this.view(row)
  }

  async list(query: EventsQuery): Promise<{ items: EventView[]; nextCursor: null }> {
    const rows = await listEvents(this.deps.db, query.status, 100)
    return { items: await Promise.all(rows.map((row) => this.view(row))), nextCursor: null }
  }

  async get(id: string): Promise<EventView> {
    return this.view(await this.find(id))
  }

  async start(actor: Actor, id: string): Promise<EventView> {
    const event = await this.hosted(actor, id)
    const moved = await moveEvent(this.deps.db, id, 'upcoming', { status: 'live', started_at: this.deps.clock() })
    if (!moved) throw new EventStateInvalidError(event.status)
    await this.deps.rooms.publishStatus(id, 'live')
    return this.get(id)
  }

  async end(actor: Actor, id: string, replayUrl: string | undefined): Promise<EventView> {
    const event = await this.hosted(actor, id)
    const change = { status: 'ended', ended_at: this.deps.clock(), ...(replayUrl ? { replay_url: replayUrl } : {}) }
    if (!(await moveEvent(this.deps.db, id, 'live', change))) throw new EventStateInvalidError(event.status)
    await this.deps.rooms.publishStatus(id, 'ended')
    return this.get(id)
  }

  /**
   * A viewer sends a danmaku to a live event. Checks in order: muted, keywords (however disguised: full-width, or
   * with invisible characters between letters), rate; then it is stored as typed and published. Without a video time from the player, it is stamped with the time since the event started.
   */
  async send(actor: Actor, eventId: string, body: SendDanmakuBody): Promise<DanmakuView> {
    const event = await this.find(eventId)
    if (event.status !== 'live') throw new EventNotLiveError()
    if (await isMuted(this.deps.db, eventId, actor.id)) throw new DanmakuMutedError()
    const text = body.text.trim()
    if (!text) throw new DanmakuFilteredError()
    const keywords = [...BASE_KEYWORDS, ...(await keywordsOf(this.deps.db, eventId))]
    if (containsKeyword(text, keywords)) throw new DanmakuFilteredError()
    // Last: only a danmaku that would be shown uses up the sender's rate.
    await this.deps.rate.take(actor.id)

    const now = this.deps.clock()
    const row: DanmakuRow = {
      id: newId(),
      event_id: eventId,
      user_id: actor.id,
      text,
      video_time: body.videoTime ?? Math.max(0, (now - (event.started_at ?? now)) / 1000),
      mode: body.mode ?? 'scroll',
      font_size: FONT_SIZES[body.size ?? 'normal'],
      color: body.color ? parseInt(body.color.slice(1), 16) : 0xffffff,
      pool: 0,
      sender_hash: null,
      dmid: newDmid(),
      weight: null,
      kind: 'danmaku',
      amount: null,
      recalled_at: null,
      created_at: now,
    }
    return this.store(row)
  }

  /** Stores and publishes a danmaku row (a viewer's, or a tip's) and answers with its view. */
  async store(row: DanmakuRow): Promise<DanmakuView> {
    await this.writer.insert(row)
    const view = danmakuView(row)
    await this.deps.rooms.publish(row.event_id, JSON.stringify(view))
    return { ...view, mine: true }
  }

  /** One's own danmaku, within two minutes: gone from the room, from replays and from exports. */
  async recall(actor: Actor, eventId: string, danmakuId: string): Promise<void> {
    const row = await findDanmaku(this.deps.db, danmakuId)
    if (!row || row.event_id !== eventId || row.recalled_at !== null) throw new NotFoundError()
    if (row.user_id !== actor.id) throw new ForbiddenError()
    if (this.deps.clock() - row.created_at > RECALL_WINDOW_MS) throw new RecallWindowPassedError()
    if (await recallDanmaku(this.deps.db, danmakuId, this.deps.clock())) {
      await this.deps.rooms.publishRecall(eventId, danmakuId)
    }
  }

  /** Danmaku in a window of video time, for a replay to show in sync. */
  async replay(actor: Actor, eventId: string, query: DanmakuQuery): Promise<{ items: DanmakuView[] }> {
    await this.find(eventId)
    const rows = await danmakuWindow(this.deps.db, eventId, query.from ?? 0, query.to, query.limit ?? 500)
    return { items: rows.map((row) => ({ ...danmakuView(row), ...(row.user_id === actor.id ? { mine: true } : {}) })) }
  }

  async exportXml(eventId: string): Promise<string> {
    const event = await this.find(eventId)
    const rows = await allDanmaku(this.deps.db, eventId)
    return toBilibiliXml(
      event.id,
      rows.map((row) => toBilibili(row, event.export_salt)),
    )
  }

  /**
   * The host brings in a Bilibili file: all of it, or (when it is not well-formed, or holds too many items) none of
   * it. Parsed off the event loop and stored in one transaction; see parseBilibiliXml for what is skipped.
   */
  async importXml(actor: Actor, eventId: string, xml: string): Promise<{ imported: number; skipped: number }> {
    await this.hosted(actor, eventId)
    let parsed: Awaited<ReturnType<typeof parseBilibiliXml>>
    try {
      parsed = await parseBilibiliXml(xml, DANMAKU_IMPORT_MAX_ITEMS)
    } catch (error) {
      if (error instanceof InvalidXmlError) throw new InvalidXmlBodyError()
      if (error instanceof TooManyItemsError) throw new DanmakuImportTooLargeError()
      throw error
    }
    const rows: DanmakuRow[] = []
    for (const [i, item] of parsed.items.entries()) {
      if (i > 0 && i % ROWS_PER_TURN === 0) await yieldToEventLoop()
      rows.push(fromBilibili(item, eventId))
    }
    await insertImported(this.deps.db, this.deps.sqlite, rows)
    return { imported: rows.length, skipped: parsed.skipped }
  }

  /** The host mutes (or lets speak again) a viewer, named directly or by one of their danmaku. */
  async mute(actor: Actor, eventId: string, who: MuteBody, muted: boolean): Promise<void> {
    await this.hosted(actor, eventId)
    const danmaku = who.danmakuId ? await findDanmaku(this.deps.db, who.danmakuId) : undefined
    if (who.danmakuId && (!danmaku || danmaku.event_id !== eventId || !danmaku.user_id)) throw new NotFoundError()
    const userId = danmaku?.user_id ?? who.userId!
    if (userId === actor.id) throw new ForbiddenError()
    // A mute row must name a real person (and the foreign key would otherwise answer a 500).
    if (muted && !(await this.deps.accounts.profiles([userId])).has(userId)) throw new NotFoundError()
    if (muted) await mute(this.deps.db, eventId, userId, this.deps.clock())
    else await unmute(this.deps.db, eventId, userId)
  }

  async addKeywords(actor: Actor, eventId: string, keywords: string[]): Promise<{ keywords: string[] }> {
    await this.hosted(actor, eventId)
    await addKeywords(this.deps.db, eventId, keywords.map((k) => k.trim()).filter(Boolean))
    return { keywords: await keywordsOf(this.deps.db, eventId) }
  }

  async keywords(actor: Actor, eventId: string): Promise<{ keywords: string[] }> {
    await this.hosted(actor, eventId)
    return { keywords: await keywordsOf(this.deps.db, eventId) }
  }

  /** Events are open to every member of the community: so are their covers. */
  showsMedia(mediaId: string): Promise<boolean> {
    return eventsWithCover(this.deps.db, mediaId)
  }

  async find(id: string): Promise<EventRow> {
    const event = await findEvent(this.deps.db, id)
    if (!event) throw new NotFoundError()
    return event
  }

  private async hosted(actor: Actor, id: string): Promise<EventRow> {
    const event = await this.find(id)
    if (event.host_id !== actor.id) throw new ForbiddenError()
    return event
  }

  private async view(row: EventRow): Promise<EventView> {
    const [people, media, viewerCount] = await Promise.all([
      this.deps.accounts.profiles([row.host_id]),
      this.deps.media.views(row.cover_media_id ? [row.cover_media_id] : []),
      row.status === 'live' ? this.deps.rooms.viewerCount(row.id) : Promise.resolve(0),
    ])
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      host: people.get(row.host_id) ?? { id: row.host_id, displayName: '', maskedName: null, avatarUrl: null },
      status: row.status as EventView['status'],
      startsAt: iso(row.starts_at)!,
      startedAt: iso(row.started_at),
      endedAt: iso(row.ended_at),
      streamUrl: row.stream_url,
      ...(row.replay_url ? { replayUrl: row.replay_url } : {}),
      coverUrl: row.cover_media_id ? (media.get(row.cover_media_id)?.url ?? null) : null,
      viewerCount,
      createdAt: iso(row.created_at)!,
    }
  }
}

export function danmakuView(row: DanmakuRow): DanmakuView {
  const size = row.font_size <= 20 ? 'small' : row.font_size <= 30 ? 'normal' : 'large'
  return {
    id: row.id,
    text: row.text,
    color: `#${row.color.toString(16).padStart(6, '0')}`,
    mode: row.mode as DanmakuView['mode'],
    size,
    videoTime: row.video_time,
    kind: row.kind as DanmakuView['kind'],
    ...(row.amount !== null ? { amount: row.amount } : {}),
    createdAt: new Date(row.created_at).toISOString(),
  }
}

/** A Bilibili-style id: a random positive int64, as text. */
export function newDmid(): string {
  return (crypto.randomBytes(8).readBigUInt64BE() >> 1n).toString()
}

function toBilibili(row: DanmakuRow, salt: string): BilibiliDanmaku {
  return {
    videoTime: row.video_time,
    mode: row.mode as BilibiliDanmaku['mode'],
    fontSize: row.font_size,
    color: row.color,
    sentAt: Math.floor(row.created_at / 1000),
    pool: row.pool,
    // Our own viewers: a salted hash per event, so that no export tells who wrote what, nor links two events.
    senderHash:
      row.sender_hash ??
      crypto
        .createHash('sha256')
        .update(`${salt}:${row.user_id ?? ''}`)
        .digest('hex')
        .slice(0, 8),
    dmid: row.dmid,
    weight: row.weight,
    text: row.text,
  }
}

function fromBilibili(item: BilibiliDanmaku, eventId: string): DanmakuRow {
  return {
    id: newId(),
    event_id: eventId,
    user_id: null,
    text: item.text,
    video_time: item.videoTime,
    mode: item.mode,
    font_size: item.fontSize,
    color: item.color,
    pool: item.pool,
    sender_hash: item.senderHash,
    dmid: item.dmid,
    weight: item.weight,
    kind: 'danmaku',
    amount: null,
    recalled_at: null,
    // The file's own send time, kept for export as it was written (0 included).
    created_at: item.sentAt * 1000,
  }
}
