import type { MessageView } from '../../shared/api/chat.js'
import type { NotificationView } from '../api/notification-types.js'
import type { LiveClientFrame, LiveServerFrame } from './live-frames.js'

/** What the server pushes over `/api/v1/ws`, by `type`. */
export type ServerFrame =
  | { type: 'ready'; data: { userId: string } }
  | { type: 'message.new'; data: MessageView }
  | { type: 'message.read'; data: { conversationId: string; userId: string; seq: number } }
  | { type: 'message.burned'; data: { messageId: string; conversationId: string } }
  | { type: 'notification.new'; data: NotificationView }
  | {
      type: 'red_packet.claimed'
      data: { packetId: string; conversationId: string; userId: string; amount: number; finished: boolean }
    }
  | { type: 'red_packet.expired'; data: { packetId: string; conversationId: string; refunded: number } }
  | { type: 'collection.paid' | 'collection.closed'; data: { collectionId: string } }
  | { type: 'iou.updated'; data: { iouId: string; conversationId: string; status: string } }
  | { type: 'pong'; data: null }
  | { type: 'error'; data: { code: string } }
  | LiveServerFrame

/** What this client sends. */
export type ClientFrame =
  { type: 'ping' } | { type: 'message.delivered'; conversationId: string; seq: number } | LiveClientFrame

/** A frame as text, or null when it is not one (a frame of a kind this build does not know is ignored later). */
export function parseFrame(text: unknown): ServerFrame | null {
  if (typeof text !== 'string') return null
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      return value as ServerFrame
    }
  } catch {
    // not JSON: dropped below
  }
  return null
}
