import fc from 'fast-check'
import type { JsonSchema } from './catalogue.js'
import type { World } from './world.js'
import { PIN } from '../helpers/wallet.js'

const HUGE = 'x'.repeat(1_000_000)

/** Values that have broken servers before: wrong types, edges of number types, text that is not quite text. */
export const HOSTILE_CONSTANTS: unknown[] = [
  null,
  true,
  [],
  {},
  [[[[]]]],
  { $ne: null },
  '',
  ' ',
  HUGE,
  '\ud800',
  'a\udfffb',
  'nul\u0000byte',
  '\u202eRTL override',
  '\u200f\u200e\u2066',
  '👨‍👩‍👧‍👦🇨🇳',
  '𠜎𠜱',
  'NaN',
  'Infinity',
  '-1',
  '1e308',
  '9223372036854775808',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  -1,
  0,
  -0,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  2 ** 63,
  Number.MAX_SAFE_INTEGER,
]

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)

/**
 * A plausible value for a schema — ids of the world's people, the right PIN, the smallest amounts — so that a
 * mutation of one field gets past the others and reaches deeper code.
 */
export function sample(schema: JsonSchema | undefined, name: string, w: World): unknown {
  if (!schema) return undefined
  if (schema.const !== undefined) return schema.const
  if (Array.isArray(schema.enum)) return schema.enum[0]
  const union = schema.anyOf ?? schema.oneOf
  if (Array.isArray(union)) return sample(union[0], name, w)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1)
    case 'boolean':
      return true
    case 'array': {
      const item = sample(schema.items, name.replace(/s$/, ''), w)
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item).slice(0, schema.uniqueItems ? 1 : 9)
    }
    case 'object': {
      const properties: Record<string, JsonSchema> = schema.properties ?? {}
      const keys = schema.maxProperties === 1 ? Object.keys(properties).slice(0, 1) : Object.keys(properties)
      return Object.fromEntries(keys.map((k) => [k, sample(properties[k], k, w)]))
    }
    case 'string':
      return sampleText(schema, name, w)
    default:
      return undefined
  }
}

function sampleText(schema: JsonSchema, name: string, w: World): string {
  if (schema.pattern === '^[0-9]{6}$' || /pin/i.test(name)) return PIN
  if (schema.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString()
  if (schema.format === 'date' || /date/i.test(name)) return '2030-12-31'
  if (/phone/i.test(name)) return '13912345678'
  if (/color/i.test(name)) return '#ff0000'
  if (/url/i.test(name)) return 'https://example.com/live.m3u8'
  if (/postId$/.test(name)) return w.ids.productPost
  if (/orderId$/.test(name)) return w.ids.order
  if (/Ids?$|^userId$|^friendId$/.test(name)) return w.bob.id
  const length = Math.max(1, schema.minLength ?? 1)
  return '好'.repeat(Math.min(length, schema.maxLength ?? length))
}
