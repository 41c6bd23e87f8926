import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // direct | group
    .addColumn('kind', 'text', (c) => c.notNull())
    // direct: the two members' ids in order, so that a pair has one conversation however many ask at once.
    .addColumn('direct_key', 'text', (c) => c.unique())
    .addColumn('group_id', 'text', (c) => c.unique().references('groups.id'))
    // Messages are numbered per conversation under this row's lock: commit order is number order, so a client that
    // has seen n has seen everything before n.
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('conversation_members')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_delivered_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_members_pk', ['conversation_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('conversation_members_user')
    .on('conversation_members')
    .columns(['user_id', 'conversation_id'])
    .execute()

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id'))
    // text | image
    .addColumn('kind', 'text', (c) => c.notNull())
    // Never a burn message's text: that lives in message_secrets and nowhere else.
    .addColumn('text', 'text')
    .addColumn('media_id', 'text', (c) => c.references('media.id'))
    .addColumn('burn_seconds', 'integer')
    .addColumn('burn_expires_at', 'bigint')
    .addColumn('burned_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('messages_conversation_seq', ['conversation_id', 'seq'])
    .execute()

  // A burn message's text, until its last recipient opens it or it expires; then the row is deleted.
  await db.schema
    .createTable('message_secrets')
    .addColumn('message_id', 'text', (c) => c.primaryKey().references('messages.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .execute()
  // Who may still open a burn message: its recipients when it was sent, each once.
  await db.schema
    .createTable('burn_recipients')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('burn_recipients_pk', ['message_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('messages_burn_expiry')
    .on('messages')
    .column('burn_expires_at')
    .where(sql.ref('burned_at'), 'is', null)
    .where(sql.ref('burn_expires_at'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['burn_recipients', 'message_secrets', 'messages', 'conversation_members', 'conversations']) {
    await db.schema.dropTable(table).execute()
  }
}
