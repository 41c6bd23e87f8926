import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { CreateIouBody, IousQuery, IouView, RepaymentResult } from '../../shared/api/ious.js'
import { request } from './client.js'
import { useMoneyMutation } from './money-mutation.js'
import { useList } from './paging.js'

export type IouRole = NonNullable<IousQuery['role']>
export const IOU_ROLES: IouRole[] = ['borrower', 'lender']

export const iouKeys = {
  all: ['ious'] as const,
  one: (id: string) => ['ious', 'one', id] as const,
  list: (role: IouRole) => ['ious', 'list', role] as const,
}

const path = (id: string) => `/ious/${encodeURIComponent(id)}`

export function useIou(id: string) {
  return useQuery({ queryKey: iouKeys.one(id), queryFn: () => request<IouView>('GET', path(id)) })
}

export function useIous(role: IouRole) {
  return useList<IouView>(iouKeys.list(role), `/ious?role=${role}`)
}

export function iouChanged(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: iouKeys.all })
}

/** 写借条: the borrower asks; nothing moves until the lender accepts. */
export function useWriteIou() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateIouBody) => request<IouView>('POST', '/ious', body),
    onSuccess: () => iouChanged(queryClient),
  })
}

/** The lender lends: the PIN moves the money to the borrower. */
export function useAcceptIou(id: string) {
  const queryClient = useQueryClient()
  return useMoneyMutation(async (pin: string, headers) => {
    try {
      return await request<IouView>('POST', `${path(id)}/accept`, { pin }, headers)
    } finally {
      await iouChanged(queryClient)
    }
  })
}

export function useDeclineIou(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => request<IouView>('POST', `${path(id)}/decline`),
    onSettled: () => iouChanged(queryClient),
  })
}

/** 还款, part or all: interest first, then principal, as the server counts it. */
export function useRepayIou(id: string) {
  const queryClient = useQueryClient()
  return useMoneyMutation(async (body: { amount: number; pin: string }, headers) => {
    try {
      return await request<RepaymentResult>('POST', `${path(id)}/repayments`, body, headers)
    } finally {
      await iouChanged(queryClient)
    }
  })
}
