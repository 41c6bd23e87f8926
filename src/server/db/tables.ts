import type { AccountsTables } from '../accounts/tables.js'
import type { LimitsTables } from '../limits/tables.js'

/** Every table, composed from the modules that own them. Times are epoch milliseconds. */
export interface Tables extends AccountsTables, LimitsTables {}
