import { describe, expect, it } from 'vitest'
import { errorCatalogs } from '../../../src/shared/i18n/errors/index.js'
import { LOCALES } from '../../../src/shared/i18n/locales.js'
import { uiCatalogs } from '../../../src/shared/i18n/ui/index.js'

function flatten(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key))
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort()
}

describe.each([
  ['errors', errorCatalogs],
  ['ui', uiCatalogs],
] as const)('the %s catalogs', (_name, catalogs) => {
  const reference = flatten(catalogs.en).sort()

  it.each(LOCALES)('%s holds exactly the keys of en', (locale) => {
    expect(flatten(catalogs[locale]).sort()).toEqual(reference)
  })

  it.each(LOCALES)('%s has no empty text and the same placeholders as en', (locale) => {
    const get = (catalog: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string
    for (const key of reference) {
      const text = get(catalogs[locale], key)
      expect(text.trim(), `${locale} ${key}`).not.toBe('')
      expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(get(catalogs.en, key)))
    }
  })
})
