import { SendDanmakuBody } from '../../shared/api/live.js'
import type { AppContext } from '../context.js'
import { bodyValidator } from '../http/validation.js'
import { ValidationError } from '../errors.js'
import type { ClientFrameHandler } from './routes.js'

/** What clients may send over the socket, by frame type. */
const validDanmaku = bodyValidator<SendDanmakuBody>(SendDanmakuBody)

function eventIdOf(frame: Record<string, unknown>): string {
  const { eventId } = frame
  if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 64) throw new ValidationError('eventId')
  return eventId
}

export function clientFrameHandlers(ctx: AppContext): Record<string, ClientFrameHandler> {
  return {
    ping: async (_actor, _frame, socket) => ctx.gateway.send(socket, JSON.stringify({ type: 'pong', data: null })),
    // Watching a live event: its danmaku batches come to this socket until it leaves or closes.
    'live.join': async (_actor, frame, socket) => {
      const event = await ctx.live.find(eventIdOf(frame))
      await ctx.rooms.join(event.id, socket)
      ctx.gateway.send(socket, JSON.stringify({ type: 'live.joined', data: { eventId: event.id } }))
    },
    'live.leave': async (_actor, frame, socket) => ctx.rooms.leave(eventIdOf(frame), socket),
    'danmaku.send': async (actor, frame, socket) => {
      const { type: _type, eventId, ...body } = frame
      const sent = await ctx.live.send(actor, eventIdOf({ eventId }), validDanmaku(body))
      ctx.gateway.send(socket, JSON.stringify({ type: 'danmaku.sent', data: sent }))
    },
    // The client got messages up to `seq` in this conversation over the socket.
    'message.delivered': async (actor, frame) => {
      const { conversationId, seq } = frame
      if (typeof conversationId !== 'string' || conversationId.length > 64) throw new ValidationError('conversationId')
      if (!Number.isSafeInteger(seq) || (seq as number) < 0) throw new ValidationError('seq')
      await ctx.chat.delivered(actor, conversationId, seq as number)
    },
  }
}
