import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('tips_enabled', 'integer', (c) => c.notNull())
    .addColumn('product_title', 'text')
    .addColumn('product_price', 'bigint')
    .addColumn('product_stock', 'integer')
    .addColumn('product_description', 'text')
    .addColumn('order_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  // The feed reads each author's newest posts: (author, time) is the skeleton's index.
  await db.schema.createIndex('posts_author_time').on('posts').columns(['author_id', 'created_at', 'id']).execute()

  await db.schema
    .createTable('post_audience')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('post_audience_pk', ['post_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('post_media')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_media_pk', ['post_id', 'position'])
    .execute()

  await db.schema
    .createTable('post_likes')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_likes_pk', ['post_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('post_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply_to_comment_id', 'text')
    .addColumn('reply_to_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('post_comments_post').on('post_comments').columns(['post_id', 'created_at']).execute()

  await db.schema
    .createTable('tip_daily_totals')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('tip_daily_totals_pk', ['user_id', 'day'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['tip_daily_totals', 'post_comments', 'post_likes', 'post_media', 'post_audience', 'posts']) {
    await db.schema.dropTable(table).execute()
  }
}
