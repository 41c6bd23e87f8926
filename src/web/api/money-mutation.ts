import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { newIdempotencyKey } from '../lib/idempotency.js'
import { ApiError } from './api-error.js'
import { walletKey } from './wallet-keys.js'

/** True when the server may or may not have acted: the request never got an answer, or the answer was a 5xx. */
function outcomeUnknown(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500
}

/**
 * A money-moving POST. Each user action gets its own Idempotency-Key; submitting the very same input again after
 * an unknown outcome (network error, 5xx) reuses it, so the server answers the first attempt instead of moving the
 * money twice. A definite answer, or different input, starts a new action with a new key.
 */
export function useMoneyMutation<I, R>(send: (input: I, headers: { 'Idempotency-Key': string }) => Promise<R>) {
  const queryClient = useQueryClient()
  const inFlight = useRef<{ input: string; key: string } | null>(null)
  return useMutation({
    mutationFn: (input: I) => {
      const fingerprint = JSON.stringify(input)
      const previous = inFlight.current
      const key = previous && previous.input === fingerprint ? previous.key : newIdempotencyKey()
      inFlight.current = { input: fingerprint, key }
      return send(input, { 'Idempotency-Key': key })
    },
    onSuccess: () => {
      inFlight.current = null
    },
    onError: (error) => {
      if (!outcomeUnknown(error)) inFlight.current = null
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: walletKey }),
  })
}
