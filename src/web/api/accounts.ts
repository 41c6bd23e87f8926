import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { isApiError } from './api-error.js'
import { request } from './client.js'
import type { AuthResult } from '../../shared/api/accounts.js'
import type {
  LoginInput,
  Me,
  PasswordInput,
  PasswordResetInput,
  PhoneCodeInput,
  PhoneCodeResult,
  PinResetInput,
  SmsOutboxList,
  PinInput,
  ProfilePatch,
  RealNameInput,
  RealNameResult,
  RegisterInput,
  Session,
} from './types.js'

export const meKey = ['me'] as const

/** The signed-in user, or null when there is no session (401). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await request<Me>('GET', '/me')
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null
        throw error
      }
    },
    staleTime: 30_000,
    // Every page watches this query; one that mounts after a failure must not restart it (and flash the guards).
    retryOnMount: false,
  })
}

/**
 * Forgets everything cached for the previous user and sets the new session's user. The `me` query itself is
 * updated in place rather than removed, so that the components watching it see the change.
 */
function startSession(queryClient: QueryClient, me: Me | null): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] })
  queryClient.setQueryData(meKey, me)
}

/** Register or log in, then load the full profile so the whole app sees the new session. */
function useSessionMutation<I>(path: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (input: I): Promise<Me> => {
      await request<AuthResult>('POST', path, input)
      return request<Me>('GET', '/me')
    },
    onSuccess: (me) => startSession(queryClient, me),
  })
}

export const useRegister = () => useSessionMutation<RegisterInput>('/auth/register')
export const useLogin = () => useSessionMutation<LoginInput>('/auth/login')

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => request<void>('POST', '/auth/logout'),
    onSettled: () => startSession(queryClient, null),
  })
}

export function useUpdateProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: ProfilePatch) => request<Me>('PATCH', '/me', patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  })
}

export function useVerifyRealName() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: RealNameInput) => request<RealNameResult>('POST', '/me/real-name', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  })
}

export function useSetPin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: PinInput) => request<void>('PUT', '/me/pin', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  })
}

const sessionsKey = ['sessions'] as const

/** My signed-in devices, the one in hand marked `current`. */
export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: async () => (await request<{ items: Session[] }>('GET', '/me/sessions')).items,
  })
}

export function useRevokeSession() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => request<void>('DELETE', `/me/sessions/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  })
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => request<void>('POST', '/me/sessions/revoke-others'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  })
}

/** Changing the password signs out every other device, so the list is stale afterwards. */
export function useChangePassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: PasswordInput) => request<void>('PUT', '/me/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  })
}

/** Asks for a one-time code to the phone; with the sandbox SMS provider a register code comes back to show. */
export function useRequestCode() {
  return useMutation({
    mutationFn: (input: PhoneCodeInput) => request<PhoneCodeResult>('POST', '/auth/codes', input),
  })
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (input: PasswordResetInput) => request<void>('POST', '/auth/password-reset', input),
  })
}

export function useResetPin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: PinResetInput) => request<void>('POST', '/me/pin/reset', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  })
}

export function useSmsOutbox() {
  return useQuery({
    queryKey: ['sms-outbox'],
    queryFn: () => request<SmsOutboxList>('GET', '/admin/sms-outbox'),
  })
}
