import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { CreateOrderBody, OrderView } from '../../shared/api/commerce.js'
import type { PostView, Visibility } from '../../shared/api/feed.js'
import { request } from './client.js'
import { ordersKey, ordersKeys } from './commerce-keys.js'
import type { ListingPatch, OrderRole } from './commerce-types.js'
import { patchPost } from './feed.js'
import { useMoneyMutation } from './money-mutation.js'
import { useList } from './paging.js'
import { feedKey } from './social-keys.js'
import { walletKey } from './wallet-keys.js'

const order = (id: string) => `/orders/${encodeURIComponent(id)}`

export const useOrders = (role: OrderRole) => useList<OrderView>(ordersKeys.list(role), `/orders?role=${role}`)

export function useOrder(id: string) {
  return useQuery({
    queryKey: ordersKeys.order(id),
    queryFn: () => request<OrderView>('GET', order(id)),
    // Countdowns run out and the other side acts: an open order page keeps itself current.
    refetchInterval: 30_000,
  })
}

/**
 * After an order changes: the answer replaces the order at once; the lists, the wallet and the feed (stock left) are
 * asked again. An action that answered without a body (200 with nothing useful) just reloads the order.
 */
async function settleOrder(queryClient: QueryClient, id: string, fresh: OrderView | undefined): Promise<void> {
  if (fresh?.id === id) queryClient.setQueryData(ordersKeys.order(id), fresh)
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ordersKey, refetchType: 'active' }),
    queryClient.invalidateQueries({ queryKey: walletKey }),
    queryClient.invalidateQueries({ queryKey: feedKey }),
  ])
}

/** A non-money order action (cancel, ship, ask a friend, decline a refund, change the address). */
function useOrderAction<I extends { id: string }>(send: (input: I) => Promise<OrderView>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: (fresh, input) => settleOrder(queryClient, input.id, fresh),
  })
}

/** A money-moving order action (pay, confirm receipt, refund): one Idempotency-Key per intent, reused on retry. */
function useOrderMoneyAction<I extends { id: string }>(
  send: (input: I, headers: { 'Idempotency-Key': string }) => Promise<OrderView>,
) {
  const queryClient = useQueryClient()
  const mutation = useMoneyMutation(send)
  return {
    ...mutation,
    mutate: (input: I, options?: { onSuccess?: (order: OrderView) => void; onError?: (error: Error) => void }) =>
      mutation.mutate(input, {
        onSuccess: (fresh) => {
          void settleOrder(queryClient, input.id, fresh)
          options?.onSuccess?.(fresh)
        },
        onError: (error) => {
          // A refused state change (someone else acted first) shows the order as it now stands.
          void queryClient.invalidateQueries({ queryKey: ordersKeys.order(input.id) })
          options?.onError?.(error)
        },
      }),
  }
}

export function useCreateOrder() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateOrderBody) => request<OrderView>('POST', '/orders', body),
    onSuccess: (fresh) => settleOrder(queryClient, fresh.id, fresh),
  })
}

export const usePayOrder = () =>
  useOrderMoneyAction(({ id, pin }: { id: string; pin: string }, headers) =>
    request<OrderView>('POST', `${order(id)}/pay`, { pin }, headers),
  )

export const useConfirmReceipt = () =>
  useOrderMoneyAction(({ id }: { id: string }, headers) =>
    request<OrderView>('POST', `${order(id)}/confirm`, undefined, headers),
  )

export const useRefund = () =>
  useOrderMoneyAction(({ id, reason }: { id: string; reason?: string }, headers) =>
    request<OrderView>('POST', `${order(id)}/refund`, reason ? { reason } : {}, headers),
  )

export const useAskFriendToPay = () =>
  useOrderAction(({ id, friendId }: { id: string; friendId: string }) =>
    request<OrderView>('POST', `${order(id)}/pay-requests`, { friendId }),
  )

export const useCancelOrder = () =>
  useOrderAction(({ id }: { id: string }) => request<OrderView>('POST', `${order(id)}/cancel`))

export const useShipOrder = () =>
  useOrderAction(({ id, trackingNote }: { id: string; trackingNote?: string }) =>
    request<OrderView>('POST', `${order(id)}/ship`, trackingNote ? { trackingNote } : {}),
  )

export const useDeclineRefund = () =>
  useOrderAction(({ id }: { id: string }) => request<OrderView>('POST', `${order(id)}/refund/decline`))

export const useUpdateAddress = () =>
  useOrderAction(({ id, shippingAddress }: { id: string; shippingAddress: string }) =>
    request<OrderView>('PUT', `${order(id)}/address`, { shippingAddress }),
  )

/** The seller changes price or stock, or takes the listing off sale; the post changes in place. */
export function useEditListing() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ postId, ...patch }: ListingPatch & { postId: string }) =>
      request<PostView>('PATCH', `/posts/${encodeURIComponent(postId)}/product`, patch),
    onSuccess: (fresh, { postId }) =>
      patchPost(queryClient, postId, (current) => ({
        ...fresh,
        ...(current.folded ? { folded: current.folded } : {}),
      })),
  })
}

/** 晒单: the buyer shares what they bought to the Life Circle, with or without the price. */
export function useSharePurchase() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { orderId: string; showPrice: boolean; text?: string; visibility: Visibility }) =>
      request<PostView>('POST', '/posts', { kind: 'purchase', ...input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  })
}
