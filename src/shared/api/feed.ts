import { Type, type Static } from 'typebox'
import { NAME_TEXT_FORMAT } from '../validation/text.js'
import { PersonView } from './social.js'
import { TransactionView } from './wallet.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Cursor = Type.String({ minLength: 1, maxLength: 200 })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
/** Free text: any character but control characters other than newline and tab. */
const Text = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$' })
/** A title others see: text as above, and nothing that deceives (see NAME_TEXT_FORMAT). */
const Title = (maxLength: number) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$',
    format: NAME_TEXT_FORMAT,
  })

export const POST_TEXT_MAX = 2000
export const COMMENT_TEXT_MAX = 500
export const POST_MEDIA_MAX = 9

export const MediaView = Type.Object({
  id: Type.String(),
  url: Type.String({ description: 'full-size image, EXIF stripped' }),
  thumbnailUrl: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
})
export type MediaView = Static<typeof MediaView>

export const VisibilityType = Type.Enum(['friends', 'private', 'include', 'exclude'])
export const Visibility = Type.Object(
  {
    type: VisibilityType,
    userIds: Type.Optional(Type.Array(Id, { maxItems: 500, uniqueItems: true, description: 'for include/exclude' })),
  },
  { additionalProperties: false },
)
export type Visibility = Static<typeof Visibility>

export const Product = Type.Object(
  {
    title: Title(60),
    price: Type.Integer({ minimum: 1, maximum: 5_000_000, description: 'fen' }),
    stock: Type.Integer({ minimum: 0, maximum: 100_000 }),
    description: Type.Optional(Text(0, 1000)),
  },
  { additionalProperties: false },
)
export type Product = Static<typeof Product>

export const ProductView = Type.Object({
  title: Type.String(),
  price: Type.Integer({ description: 'fen' }),
  stock: Type.Integer({ description: 'units left to sell' }),
  description: Type.Optional(Type.String()),
  delisted: Type.Boolean({ description: 'the seller took it off sale: no new orders' }),
})
export type ProductView = Static<typeof ProductView>

export const PurchaseView = Type.Object({
  productPostId: Type.String(),
  title: Type.String(),
  image: Type.Union([MediaView, Type.Null()]),
  price: Type.Optional(Type.Integer({ description: 'fen, only when the buyer chose to show it' })),
})
export type PurchaseView = Static<typeof PurchaseView>

export const CreatePostBody = Type.Object(
  {
    text: Type.Optional(Text(0, POST_TEXT_MAX)),
    mediaIds: Type.Optional(Type.Array(Id, { maxItems: POST_MEDIA_MAX, uniqueItems: true })),
    visibility: Visibility,
    kind: Type.Optional(Type.Enum(['status', 'product', 'purchase'])),
    product: Type.Optional(Product),
    orderId: Type.Optional(Id),
    showPrice: Type.Optional(Type.Boolean({ description: 'purchase posts: show what was paid (default no)' })),
    tipsEnabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type CreatePostBody = Static<typeof CreatePostBody>

export const CommentView = Type.Object({
  id: Type.String(),
  author: PersonView,
  text: Type.String(),
  replyTo: Type.Union([Type.Object({ id: Type.String(), author: PersonView }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
})
export type CommentView = Static<typeof CommentView>

export const TipperView = Type.Object({ user: PersonView, amount: Type.Integer(), createdAt: Type.String() })

export const PostView = Type.Object({
  id: Type.String(),
  author: PersonView,
  kind: Type.Enum(['status', 'product', 'purchase']),
  text: Type.String(),
  media: Type.Array(MediaView),
  visibility: Type.Object({
    type: VisibilityType,
    userIds: Type.Optional(Type.Array(Type.String(), { description: 'shown to the author only' })),
  }),
  createdAt: Type.String({ format: 'date-time' }),
  likes: Type.Array(PersonView, { description: "only the viewer's friends (and the viewer); the author sees all" }),
  comments: Type.Array(CommentView, { description: 'same rule as likes' }),
  likeCount: Type.Integer({ description: 'of the likes this viewer may see' }),
  commentCount: Type.Integer({ description: 'of the comments this viewer may see' }),
  likedByMe: Type.Boolean(),
  product: Type.Optional(ProductView),
  purchase: Type.Optional(PurchaseView),
  commercial: Type.Boolean({
    description: 'product posts, and posts whose text sells (加微信, 代购…, however disguised): labelled everywhere',
  }),
  folded: Type.Optional(Type.Boolean({ description: 'foldCommercial=true: the client collapses it' })),
  tipsEnabled: Type.Boolean(),
  tipTotal: Type.Optional(Type.Integer({ description: 'fen, author only' })),
  tippers: Type.Optional(Type.Array(TipperView, { description: 'author only' })),
})
export type PostView = Static<typeof PostView>

export const PostsPage = Type.Object({
  items: Type.Array(PostView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type PostsPage = Static<typeof PostsPage>

export const FeedQuery = Type.Object({
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor),
  foldCommercial: Type.Optional(Type.Boolean()),
  script: Type.Optional(Type.Enum(['hans', 'hant'], { description: "convert friends' text to this script" })),
})
export type FeedQuery = Static<typeof FeedQuery>

export const PostQuery = Type.Object({ script: Type.Optional(Type.Enum(['hans', 'hant'])) })

export const CreateCommentBody = Type.Object(
  { text: Text(1, COMMENT_TEXT_MAX), replyToCommentId: Type.Optional(Id) },
  { additionalProperties: false },
)
export type CreateCommentBody = Static<typeof CreateCommentBody>

export const TipResult = Type.Object({
  amount: Type.Integer({ minimum: 1, maximum: 99 }),
  transaction: TransactionView,
})
export type TipResult = Static<typeof TipResult>
