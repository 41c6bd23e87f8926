import type { AppContext } from '../context.js'
import { ValidationError } from '../errors.js'
import type { ClientFrameHandler } from './routes.js'

/** What clients may send over the socket, by frame type. */
export function clientFrameHandlers(ctx: AppContext): Record<string, ClientFrameHandler> {
  return {
    ping: async (_actor, _frame, socket) => ctx.gateway.send(socket, JSON.stringify({ type: 'pong', data: null })),
    // The client got messages up to `seq` in this conversation over the socket.
    'message.delivered': async (actor, frame) => {
      const { conversationId, seq } = frame
      if (typeof conversationId !== 'string' || conversationId.length > 64) throw new ValidationError('conversationId')
      if (!Number.isSafeInteger(seq) || (seq as number) < 0) throw new ValidationError('seq')
      await ctx.chat.delivered(actor, conversationId, seq as number)
    },
  }
}
