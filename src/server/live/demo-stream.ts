import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyPluginAsync } from 'fastify'
import type { Actor } from '../accounts/service.js'
import type { AppContext } from '../context.js'
import { notFound } from '../http/error-handler.js'

/** Where the app serves the demo clip: an event's `streamUrl` on this very server. */
export const DEMO_STREAM_URL = '/demo/live/index.m3u8'

/**
 * A 12-second test pattern with a 440 Hz tone as fMP4 HLS (about 250 KB), shipped with the package so that the demo
 * and the browser tests play a real stream with nothing else installed. docs/operations.md shows how it was made.
 * The same path from src/server/live and from dist/server/live.
 */
const CLIP_DIR = fileURLToPath(new URL('../../../assets/demo-hls/', import.meta.url))
const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
}
// Only the clip's own file names: nothing else on disk can be asked for.
const FILE_NAME = /^(index\.m3u8|init\.mp4|segment-\d{2}\.m4s)$/

export const demoStreamRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { file: string } }>('/demo/live/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params
    if (!FILE_NAME.test(file)) return notFound(request, reply)
    let body: Buffer
    try {
      body = await fs.readFile(path.join(CLIP_DIR, file))
    } catch {
      return notFound(request, reply)
    }
    return reply
      .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=3600')
      .send(body)
  })
}

const DEMO_TITLES = { live: '周末足球：上海 vs 北京', ended: '校园歌手大赛 · 决赛回放', upcoming: '跨年演唱会' }

/**
 * The demo's live corner: a live match by Xiaoyu with danmaku flying, a final to replay with danmaku at their video
 * times, and a concert still to come. Skipped when Xiaoyu already hosts events (a second run).
 */
export async function seedDemoLive(ctx: AppContext, [host, ...fans]: Actor[]): Promise<void> {
  if (!host || fans.length === 0) return
  const existing = await ctx.live.list({})
  if (existing.items.some((event) => event.host.id === host.id)) return
  const hour = 3600_000
  const create = (title: string, startsAt: number) =>
    ctx.live.create(host, { title, startsAt: new Date(startsAt).toISOString(), streamUrl: DEMO_STREAM_URL })

  const final = await create(DEMO_TITLES.ended, Date.now() - 26 * hour)
  await ctx.live.start(host, final.id)
  const replayLines = ['开始了！', '这个高音绝了', '前排围观', '好听到哭', '再来一首！', '冠军！！']
  for (const [index, text] of replayLines.entries()) {
    const fan = fans[index % fans.length]!
    const gold = index === replayLines.length - 1 ? { color: '#ffd400' } : {}
    await ctx.live.send(fan, final.id, { text, videoTime: 1 + index * 1.8, ...gold })
  }
  await ctx.live.end(host, final.id, DEMO_STREAM_URL)

  await create(DEMO_TITLES.upcoming, Date.now() + 72 * hour)
  const match = await create(DEMO_TITLES.live, Date.now() - hour / 4)
  await ctx.live.start(host, match.id)
  for (const [index, fan] of fans.entries()) {
    await ctx.live.send(fan, match.id, { text: ['上海加油！', '北京必胜', 'Nice pass!'][index % 3]! })
  }
}
