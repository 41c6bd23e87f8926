import { CATEGORIES, type Bill, type BillQuery, type Category } from '../../shared/api/wallet.js'
import type { Actor } from '../accounts/service.js'
import type { WalletDeps } from './service.js'

/** Bills follow the calendar in China. */
const CHINA_OFFSET_MS = 8 * 3600_000

export function yearBounds(year: number): { from: number; to: number } {
  return { from: Date.UTC(year, 0, 1) - CHINA_OFFSET_MS, to: Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS }
}

/** 年度賬單: a year's settled money by category and by month; the spending percentile only when asked for. */
export async function annualBill(deps: WalletDeps, actor: Actor, query: BillQuery): Promise<Bill> {
  await deps.realNames.requireVerified(actor.id)
  const { from, to } = yearBounds(query.year)
  const flows = await deps.ledger.settledFlows(actor.id, from, to)

  const byCategory = new Map<Category, { in: number; out: number }>()
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, in: 0, out: 0 }))
  let totalIn = 0
  let totalOut = 0
  for (const flow of flows) {
    const side = flow.incoming ? 'in' : 'out'
    const category = flow.code as Category
    const totals = byCategory.get(category) ?? { in: 0, out: 0 }
    totals[side] += flow.amount
    byCategory.set(category, totals)
    byMonth[new Date(flow.created_at + CHINA_OFFSET_MS).getUTCMonth()]![side] += flow.amount
    if (flow.incoming) totalIn += flow.amount
    else totalOut += flow.amount
  }

  const bill: Bill = {
    year: query.year,
    currency: 'CNY',
    totalIn,
    totalOut,
    byCategory: CATEGORIES.filter((c) => byCategory.has(c)).map((category) => ({
      category,
      ...byCategory.get(category)!,
    })),
    byMonth,
  }
  if (query.percentile) bill.percentile = await spendingPercentile(deps, actor.id, totalOut, from, to)
  return bill
}

/** The share of all other wallets (those that spent nothing included) that spent less than this one, to 0.1 %. */
async function spendingPercentile(deps: WalletDeps, userId: string, mine: number, from: number, to: number) {
  const { spending, wallets } = await deps.ledger.spendingByWallet(from, to)
  const others = wallets - 1
  if (others <= 0) return 0
  const spenders = [...spending].filter(([owner]) => owner !== userId).map(([, spent]) => spent)
  const silent = others - spenders.length
  const below = (mine > 0 ? silent : 0) + spenders.filter((spent) => spent < mine).length
  return Math.round((1000 * below) / others) / 10
}
