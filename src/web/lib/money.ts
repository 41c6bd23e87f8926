import type { Locale } from '../../shared/i18n/locales.js'
import { memoiseFormatter } from './intl.js'

const FEN_PER_YUAN = 100

/** Yuan with the ¥ sign in the locale's own digits and grouping; each style adds what sets it apart. */
function yuanFormatter(style: Intl.NumberFormatOptions) {
  return memoiseFormatter(
    (tag) =>
      new Intl.NumberFormat(tag, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', ...style }),
  )
}

const plain = yuanFormatter({})
const signed = yuanFormatter({ signDisplay: 'exceptZero' })
const whole = yuanFormatter({ trailingZeroDisplay: 'stripIfInteger' })
const compact = yuanFormatter({ notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 })

/** Fen as an exact decimal string ("-1234" → "-12.34"), so that no float ever stands between the ledger and the screen. */
function fenToDecimal(fen: number): `${number}` {
  const abs = Math.abs(fen)
  const cents = String(abs % FEN_PER_YUAN).padStart(2, '0')
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / FEN_PER_YUAN)}.${cents}` as `${number}`
}

/**
 * ¥1,234.56 in the active locale; with `signed`, +¥12.34 / -¥12.34 (zero unsigned); with `short`, whole yuan
 * lose their ".00" (¥50, as on a quick-pick chip).
 */
export function formatMoney(fen: number, locale: Locale, options: { signed?: boolean; short?: boolean } = {}): string {
  const formatter = options.signed ? signed : options.short ? whole : plain
  return formatter(locale).format(fenToDecimal(fen))
}

/** A short axis label: ¥1.2K, ¥3.4万. */
export function formatMoneyCompact(fen: number, locale: Locale): string {
  return compact(locale).format(fenToDecimal(fen))
}

/** The amount as the user would type it back: 1234 → "12.34". */
export function fenToYuanText(fen: number): string {
  return fenToDecimal(fen)
}

const FULL_WIDTH = /[０-９．]/g
const YUAN = /^(\d{1,12})(?:\.(\d{0,2}))?$/

/**
 * Parses what a person types as yuan ("12", "12.", "12.3", "12.34", full-width digits too) into integer fen, by string
 * arithmetic and never a float multiply. Anything else — more than two decimals, a sign, letters, empty — is
 * undefined. Zero parses; whether it is allowed is the form's business.
 */
export function parseYuanToFen(text: string): number | undefined {
  const normalised = text
    .trim()
    .replace(FULL_WIDTH, (char) => (char === '．' ? '.' : String.fromCharCode(char.charCodeAt(0) - 0xfee0)))
  const match = YUAN.exec(normalised)
  if (!match) return undefined
  const [, whole = '0', fraction = ''] = match
  return Number(whole) * FEN_PER_YUAN + Number(fraction.padEnd(2, '0'))
}
