export interface ConversationsTable {
  id: string
  /** direct | group */
  kind: string
  /** direct: `<smaller id>:<larger id>`. */
  direct_key: string | null
  group_id: string | null
  /** The number of the newest message. */
  last_seq: number
  last_message_at: number
  created_at: number
}

export interface ConversationMembersTable {
  conversation_id: string
  user_id: string
  last_read_seq: number
  last_delivered_seq: number
  created_at: number
}

export interface MessagesTable {
  id: string
  conversation_id: string
  /** 1, 2, 3… within the conversation, in commit order. */
  seq: number
  sender_id: string
  /** text | image, or a card: red_packet | transfer | collection | iou */
  kind: string
  /** null for burn messages (their text is in message_secrets) and images without a caption. */
  text: string | null
  media_id: string | null
  burn_seconds: number | null
  burn_expires_at: number | null
  /** When the text was deleted: opened by every recipient, or expired. */
  burned_at: number | null
  /** Cards: the red packet, transfer, collection or IOU shown. */
  ref_id: string | null
  /** Cards: the money shown on the card (a transfer's amount, a collection's share…), fen. */
  amount: number | null
  created_at: number
}

export interface MessageSecretsTable {
  message_id: string
  text: string
}

export interface BurnRecipientsTable {
  message_id: string
  user_id: string
}

export interface ChatTables {
  conversations: ConversationsTable
  conversation_members: ConversationMembersTable
  messages: MessagesTable
  message_secrets: MessageSecretsTable
  burn_recipients: BurnRecipientsTable
}
