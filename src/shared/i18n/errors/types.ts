import type { errorsEn } from './en.js'

/** English is the reference catalog: the others must hold exactly its keys. */
export type ErrorKey = keyof typeof errorsEn
export type ErrorCatalog = Record<ErrorKey, string>
