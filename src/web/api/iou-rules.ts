import { useQuery } from '@tanstack/react-query'
import type { IouRules } from '../../shared/api/ious.js'
import { request } from './client.js'

/** The legal cap on the annual rate, as this server is configured. */
export function useIouRules() {
  return useQuery({
    queryKey: ['ious', 'rules'],
    queryFn: () => request<IouRules>('GET', '/ious/rules'),
    staleTime: Infinity,
  })
}
