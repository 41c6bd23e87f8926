export interface RateCountersTable {
  /** e.g. `login:13800138000`; one fixed window per key. */
  key: string
  count: number
  window_ends_at: number
}

export interface LimitsTables {
  rate_counters: RateCountersTable
}
