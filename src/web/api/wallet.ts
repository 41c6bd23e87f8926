import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { UserSummary } from '../../shared/api/accounts.js'
import type { PersonView } from '../../shared/api/social.js'
import type {
  Bill,
  PaymentRequestBody,
  PaymentRequestView,
  PayRequestResult,
  TopUpBody,
  TransactionResult,
  TransactionsPage,
  TransactionView,
  TransferBody,
  WalletView,
  WithdrawBody,
} from '../../shared/api/wallet.js'
import { request } from './client.js'
import { useMoneyMutation } from './money-mutation.js'
import { pagePath, useList } from './paging.js'
import { walletKey, walletKeys } from './wallet-keys.js'

const RECENT_COUNT = 5

/** Balance and availability. Like every wallet query, only for a user with a verified real name (see WalletGate). */
export function useWallet() {
  return useQuery({ queryKey: walletKeys.summary, queryFn: () => request<WalletView>('GET', '/wallet') })
}

export function useRecentTransactions() {
  return useQuery({
    queryKey: walletKeys.recent,
    queryFn: () => request<TransactionsPage>('GET', pagePath('/wallet/transactions', RECENT_COUNT, null)),
  })
}

export const useTransactionHistory = () => useList<TransactionView>(walletKeys.history, '/wallet/transactions')

export const usePaymentRequests = (direction: 'incoming' | 'outgoing') =>
  useList<PaymentRequestView>(walletKeys.requests(direction), `/payment-requests?direction=${direction}`)

export function useBill(year: number, percentile: boolean) {
  return useQuery({
    queryKey: walletKeys.bill(year, percentile),
    queryFn: () => request<Bill>('GET', `/wallet/bill?year=${year}${percentile ? '&percentile=true' : ''}`),
    placeholderData: (previous) => previous,
  })
}

/** The people with exactly this phone number (zero or one). */
export function useUserByPhone(phone: string | undefined) {
  return useQuery({
    queryKey: ['users', 'phone', phone],
    queryFn: () => request<{ items: UserSummary[] }>('GET', `/users?phone=${encodeURIComponent(phone ?? '')}`),
    enabled: phone !== undefined,
    staleTime: 60_000,
  })
}

/** Someone by id, as the server shows them: the only source of a payee's name when a page starts from an id. */
export function usePerson(id: string) {
  return useQuery({
    queryKey: ['users', 'id', id],
    queryFn: () => request<PersonView>('GET', `/users/${encodeURIComponent(id)}`),
  })
}

export const useTopUp = () =>
  useMoneyMutation((body: TopUpBody, headers) => request<TransactionResult>('POST', '/wallet/topups', body, headers))

export const useWithdraw = () =>
  useMoneyMutation((body: WithdrawBody, headers) =>
    request<TransactionResult>('POST', '/wallet/withdrawals', body, headers),
  )

export const useTransfer = () =>
  useMoneyMutation((body: TransferBody, headers) => request<TransactionResult>('POST', '/transfers', body, headers))

export const usePayRequest = () =>
  useMoneyMutation(({ id, pin }: { id: string; pin: string }, headers) =>
    request<PayRequestResult>('POST', `/payment-requests/${encodeURIComponent(id)}/pay`, { pin }, headers),
  )

/** 收钱: asking moves no money, so it needs no Idempotency-Key. */
export function useCreatePaymentRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: PaymentRequestBody) => request<PaymentRequestView>('POST', '/payment-requests', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: walletKey }),
  })
}

export function useDeclineRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      request<{ status: 'declined' }>('POST', `/payment-requests/${encodeURIComponent(id)}/decline`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: walletKey }),
  })
}
