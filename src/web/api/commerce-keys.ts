import type { OrderRole } from './commerce-types.js'

/** Every order query (lists per role and single orders) sits under one key: a change to one order may move it. */
export const ordersKey = ['orders'] as const

export const ordersKeys = {
  list: (role: OrderRole) => [...ordersKey, 'list', role] as const,
  order: (id: string) => [...ordersKey, 'order', id] as const,
}
