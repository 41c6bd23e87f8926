import { useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query'
import type { CommentView, CreatePostBody, MediaView, PostView, TipResult } from '../../shared/api/feed.js'
import { useFeedSettings } from '../lib/feed-settings.js'
import { useMe } from './accounts.js'
import { isApiError } from './api-error.js'
import { request, upload } from './client.js'
import { useMoneyMutation } from './money-mutation.js'
import { useList, type Page } from './paging.js'
import { feedKey, feedKeys } from './social-keys.js'

type FeedData = InfiniteData<Page<PostView>, string | null>

const post = (id: string) => `/posts/${encodeURIComponent(id)}`

/** My feed: my posts and my friends' that I may see, newest first, with this device's fold and script settings. */
export function useFeed() {
  const { foldCommercial, scriptParam } = useFeedSettings()
  const query = new URLSearchParams()
  if (foldCommercial) query.set('foldCommercial', 'true')
  if (scriptParam) query.set('script', scriptParam)
  const search = query.toString()
  return useList<PostView>(feedKeys.list(foldCommercial, scriptParam), `/feed${search ? `?${search}` : ''}`)
}

/** One post, e.g. the product a purchase links to; it lives under the feed key, so likes and tips patch it too. */
export function usePost(postId: string) {
  const { scriptParam } = useFeedSettings()
  return useQuery({
    queryKey: feedKeys.post(postId, scriptParam),
    queryFn: () => request<PostView>('GET', `${post(postId)}${scriptParam ? `?script=${scriptParam}` : ''}`),
  })
}

/** Rewrites one post wherever a feed list or a single-post query holds it; `update` returning null removes it. */
export function patchPost(queryClient: QueryClient, postId: string, update: (post: PostView) => PostView | null): void {
  queryClient.setQueriesData<FeedData | PostView>({ queryKey: feedKey }, (data) => {
    if (data && 'pages' in data) {
      return {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.flatMap((item) => (item.id === postId ? (update(item) ?? []) : [item])),
        })),
      }
    }
    // A single post that is gone stays in its query as it was; its page learns from its own refetch.
    return data && data.id === postId ? (update(data) ?? data) : data
  })
}

/** Loads the post again as the server sees it now (likes, comments and tips filtered for me) and puts it in place. */
async function refreshPost(queryClient: QueryClient, postId: string, script: string | null): Promise<void> {
  try {
    const fresh = await request<PostView>('GET', `${post(postId)}${script ? `?script=${script}` : ''}`)
    patchPost(queryClient, postId, (current) => ({ ...fresh, ...(current.folded ? { folded: current.folded } : {}) }))
  } catch (error) {
    if (isApiError(error, 'NOT_FOUND')) patchPost(queryClient, postId, () => null)
  }
}

function useRefresh() {
  const queryClient = useQueryClient()
  const { scriptParam } = useFeedSettings()
  return (postId: string) => refreshPost(queryClient, postId, scriptParam)
}

/** 赞 and 取消赞: the heart changes at once; the post then reloads from the server. */
export function useLike() {
  const queryClient = useQueryClient()
  const me = useMe().data
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ postId, like }: { postId: string; like: boolean }) =>
      request<void>(like ? 'POST' : 'DELETE', `${post(postId)}/likes`),
    onMutate: ({ postId, like }) => {
      if (!me) return
      const mine = {
        id: me.id,
        displayName: me.displayName,
        maskedName: me.realName.maskedName,
        avatarUrl: me.avatarUrl,
      }
      patchPost(queryClient, postId, (current) => {
        if (current.likedByMe === like) return current
        const others = current.likes.filter((person) => person.id !== me.id)
        return {
          ...current,
          likedByMe: like,
          likes: like ? [...others, mine] : others,
          likeCount: Math.max(0, current.likeCount + (like ? 1 : -1)),
        }
      })
    },
    onSettled: (_result, _error, { postId }) => refresh(postId),
  })
}

export function useComment() {
  const queryClient = useQueryClient()
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ postId, ...body }: { postId: string; text: string; replyToCommentId?: string }) =>
      request<CommentView>('POST', `${post(postId)}/comments`, body),
    onSuccess: (comment, { postId }) => {
      patchPost(queryClient, postId, (current) => ({
        ...current,
        comments: [...current.comments, comment],
        commentCount: current.commentCount + 1,
      }))
      return refresh(postId)
    },
  })
}

export function useDeleteComment() {
  const queryClient = useQueryClient()
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ commentId }: { postId: string; commentId: string }) =>
      request<void>('DELETE', `/comments/${encodeURIComponent(commentId)}`),
    onSuccess: (_result, { postId, commentId }) => {
      patchPost(queryClient, postId, (current) => ({
        ...current,
        comments: current.comments.filter((comment) => comment.id !== commentId),
        commentCount: Math.max(0, current.commentCount - 1),
      }))
      return refresh(postId)
    },
  })
}

export function useDeletePost() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (postId: string) => request<void>('DELETE', post(postId)),
    onSuccess: (_result, postId) => patchPost(queryClient, postId, () => null),
  })
}

/** 打赏: one tap, no PIN; the server draws the amount. A retry after an unknown outcome reuses the key. */
export function useTip() {
  const refresh = useRefresh()
  return useMoneyMutation(async (postId: string, headers) => {
    const result = await request<TipResult>('POST', `${post(postId)}/tips`, undefined, headers)
    void refresh(postId)
    return result
  })
}

export function useCreatePost() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreatePostBody) => request<PostView>('POST', '/posts', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  })
}

export const uploadMedia = (file: File, onProgress: (fraction: number) => void) =>
  upload<MediaView>('/media', file, onProgress)
