/** Conversations and their messages sit under one key: the socket patches both, a new session forgets both. */
export const chatKey = ['chat'] as const

export const chatKeys = {
  conversations: [...chatKey, 'conversations'] as const,
  conversation: (id: string) => [...chatKey, 'conversation', id] as const,
  messages: (id: string) => [...chatKey, 'messages', id] as const,
}
