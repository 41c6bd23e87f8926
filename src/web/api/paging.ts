import { useInfiniteQuery } from '@tanstack/react-query'
import { request } from './client.js'

export const PAGE_SIZE = 20

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export function pagePath(path: string, limit: number, cursor: string | null): string {
  const separator = path.includes('?') ? '&' : '?'
  return `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
}

/** A cursor-paged list, one page at a time (useInfiniteQuery + nextCursor). */
export function useList<T>(queryKey: readonly unknown[], path: string, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => request<Page<T>>('GET', pagePath(path, PAGE_SIZE, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    ...options,
  })
}
