export interface PostsTable {
  id: string
  author_id: string
}

export interface FeedTables {
  posts: PostsTable
}
