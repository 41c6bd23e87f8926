import { Type, type Static } from 'typebox'
import { NAME_TEXT_FORMAT } from '../validation/text.js'
import { PersonView } from './social.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Url = Type.String({ minLength: 1, maxLength: 2000, pattern: '^(https?://|/)[^\\s]*$' })
/** Tab and newline pass; every other C0 control and DEL does not. */
export const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$'
const Text = (minLength: number, maxLength: number) => Type.String({ minLength, maxLength, pattern: TEXT_PATTERN })
/** A title others see: text as above, and nothing that deceives (see NAME_TEXT_FORMAT). */
const Title = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: TEXT_PATTERN, format: NAME_TEXT_FORMAT })

export const DANMAKU_TEXT_MAX = 100
/** A Bilibili file brought in at once: bytes of the body and <d> items in it. */
export const DANMAKU_IMPORT_MAX_BYTES = 5 * 1024 * 1024
export const DANMAKU_IMPORT_MAX_ITEMS = 20_000
/** Video times, in seconds: 115 days, past any stream. */
export const VIDEO_TIME_MAX = 1e7
export const DanmakuMode = Type.Enum(['scroll', 'top', 'bottom'])
export const DanmakuSize = Type.Enum(['small', 'normal', 'large'])
export const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: '#rrggbb' })

export const CreateEventBody = Type.Object(
  {
    title: Title(80),
    startsAt: Type.String({ format: 'date-time' }),
    streamUrl: Type.Optional(Url),
    coverMediaId: Type.Optional(Id),
    description: Type.Optional(Text(0, 1000)),
  },
  { additionalProperties: false },
)
export type CreateEventBody = Static<typeof CreateEventBody>

export const EndEventBody = Type.Object({ replayUrl: Type.Optional(Url) }, { additionalProperties: false })
export type EndEventBody = Static<typeof EndEventBody>

export const EventStatus = Type.Enum(['upcoming', 'live', 'ended'])

export const EventView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  host: PersonView,
  status: EventStatus,
  startsAt: Type.String({ format: 'date-time' }),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  streamUrl: Type.Union([Type.String(), Type.Null()]),
  replayUrl: Type.Optional(Type.String()),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  viewerCount: Type.Integer({ description: 'sockets watching now, across every server process' }),
  createdAt: Type.String({ format: 'date-time' }),
})
export type EventView = Static<typeof EventView>

export const EventsQuery = Type.Object({ status: Type.Optional(EventStatus) })
export type EventsQuery = Static<typeof EventsQuery>

export const EventsPage = Type.Object({
  items: Type.Array(EventView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const SendDanmakuBody = Type.Object(
  {
    text: Text(1, DANMAKU_TEXT_MAX),
    color: Type.Optional(Color),
    mode: Type.Optional(DanmakuMode),
    size: Type.Optional(DanmakuSize),
    videoTime: Type.Optional(
      Type.Number({ minimum: 0, maximum: VIDEO_TIME_MAX, description: 'seconds into the video' }),
    ),
  },
  { additionalProperties: false },
)
export type SendDanmakuBody = Static<typeof SendDanmakuBody>

export const DanmakuView = Type.Object({
  id: Type.String(),
  text: Type.String(),
  color: Type.String({ description: '#rrggbb' }),
  mode: DanmakuMode,
  size: DanmakuSize,
  videoTime: Type.Number({ description: 'seconds' }),
  kind: Type.Enum(['danmaku', 'tip'], { description: 'tip: a viewer tipped the host, shown as a special danmaku' }),
  amount: Type.Optional(Type.Integer({ description: 'tips: fen' })),
  mine: Type.Optional(Type.Boolean()),
  createdAt: Type.String({ format: 'date-time' }),
})
export type DanmakuView = Static<typeof DanmakuView>

export const DanmakuQuery = Type.Object({
  from: Type.Optional(Type.Number({ minimum: 0, maximum: VIDEO_TIME_MAX, description: 'seconds, inclusive' })),
  to: Type.Optional(Type.Number({ minimum: 0, maximum: VIDEO_TIME_MAX, description: 'seconds, exclusive' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
})
export type DanmakuQuery = Static<typeof DanmakuQuery>

export const DanmakuPage = Type.Object({ items: Type.Array(DanmakuView) })

export const ImportResult = Type.Object({ imported: Type.Integer(), skipped: Type.Integer() })

export const MuteBody = Type.Object(
  {
    userId: Type.Optional(Id),
    danmakuId: Type.Optional(
      Type.Union([Id], { description: 'mute whoever sent this danmaku: the host never needs to know who it was' }),
    ),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
)
export type MuteBody = Static<typeof MuteBody>
export const KeywordsBody = Type.Object(
  { keywords: Type.Array(Text(1, 40), { minItems: 1, maxItems: 100, uniqueItems: true }) },
  { additionalProperties: false },
)
export type KeywordsBody = Static<typeof KeywordsBody>
