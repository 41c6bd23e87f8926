/** Every wallet query sits under this key, so that one invalidation after money moves refreshes them all. */
export const walletKey = ['wallet'] as const

export const walletKeys = {
  summary: [...walletKey, 'summary'] as const,
  recent: [...walletKey, 'recent'] as const,
  history: [...walletKey, 'history'] as const,
  requests: (direction: 'incoming' | 'outgoing') => [...walletKey, 'requests', direction] as const,
  bill: (year: number, percentile: boolean) => [...walletKey, 'bill', year, percentile] as const,
}
