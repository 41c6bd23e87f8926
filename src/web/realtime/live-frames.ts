import type { DanmakuView, SendDanmakuBody } from '../../shared/api/live.js'

/** What a live room pushes over the app's socket. */
export type LiveServerFrame =
  | { type: 'live.joined'; data: { eventId: string } }
  | { type: 'danmaku.batch'; data: { eventId: string; items: DanmakuView[]; dropped?: number } }
  | { type: 'danmaku.recall'; data: { eventId: string; id: string } }
  | { type: 'live.viewers'; data: { eventId: string; viewerCount: number } }
  | { type: 'danmaku.sent'; data: DanmakuView }

/** What a viewer sends: joining and leaving a room, and danmaku. */
export type LiveClientFrame =
  { type: 'live.join' | 'live.leave'; eventId: string } | ({ type: 'danmaku.send'; eventId: string } & SendDanmakuBody)
