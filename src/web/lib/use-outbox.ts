import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { MessageView, SendMessageBody } from '../../shared/api/chat.js'
import { useMe } from '../api/accounts.js'
import { receiveMessages } from '../api/chat-cache.js'
import { request } from '../api/client.js'
import { uploadMedia } from '../api/feed.js'

/** A message on its way: shown at once at the end of the chat, until the server's copy takes its place. */
export interface Outgoing {
  key: string
  body: SendMessageBody
  /** An image: the picked file and a blob: URL of it, uploaded before the message is sent. */
  file?: File
  preview?: string
  progress: number
  failed: boolean
}

let counter = 0

/** Sends messages one after another, in the order they were written; a failed one waits to be tapped again. */
export function useOutbox(conversationId: string) {
  const queryClient = useQueryClient()
  const meId = useMe().data?.id
  const [items, setItems] = useState<Outgoing[]>([])
  const queue = useRef(Promise.resolve())
  const previews = useRef(new Set<string>())

  useEffect(() => {
    const urls = previews.current
    return () => urls.forEach((url) => URL.revokeObjectURL(url))
  }, [])

  const update = useCallback((key: string, patch: Partial<Outgoing>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)))
  }, [])

  const deliver = useCallback(
    (item: Outgoing) => {
      queue.current = queue.current.then(async () => {
        try {
          update(item.key, { failed: false })
          const body = item.file
            ? { mediaId: (await uploadMedia(item.file, (progress) => update(item.key, { progress }))).id }
            : item.body
          const message = await request<MessageView>(
            'POST',
            `/conversations/${encodeURIComponent(conversationId)}/messages`,
            body,
          )
          if (meId) await receiveMessages(queryClient, meId, [message])
          setItems((current) => current.filter((entry) => entry.key !== item.key))
          if (item.preview) {
            URL.revokeObjectURL(item.preview)
            previews.current.delete(item.preview)
          }
        } catch {
          update(item.key, { failed: true })
        }
      })
    },
    [conversationId, meId, queryClient, update],
  )

  const enqueue = (entry: Omit<Outgoing, 'key' | 'progress' | 'failed'>) => {
    counter += 1
    const item: Outgoing = { key: `outgoing-${counter}`, progress: 0, failed: false, ...entry }
    setItems((current) => [...current, item])
    deliver(item)
  }

  return {
    items,
    sendText: (text: string, burnSeconds: number | null) =>
      enqueue({ body: burnSeconds ? { text, burnAfterReading: { seconds: burnSeconds } } : { text } }),
    sendImage: (file: File) => {
      const preview = URL.createObjectURL(file)
      previews.current.add(preview)
      enqueue({ body: {}, file, preview })
    },
    retry: (key: string) => {
      const item = items.find((entry) => entry.key === key)
      if (item) deliver(item)
    },
  }
}
