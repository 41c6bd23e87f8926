import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Pie, PieChart, ResponsiveContainer } from 'recharts'
import type { Bill } from '../../../shared/api/wallet.js'
import { useFormat } from '../../lib/use-format.js'
import { CATEGORY_TONES, CategoryIcon } from './category-icon.js'
import { Segmented } from '../segmented.js'

type Side = 'out' | 'in'

/** Where the money went (or came from): a donut and, under it, each category with its amount and share. */
export function CategoryChart({ categories }: { categories: Bill['byCategory'] }) {
  const { t } = useTranslation()
  const format = useFormat()
  const [side, setSide] = useState<Side>('out')
  const rows = categories
    .map((row) => ({ category: row.category, amount: row[side], fill: CATEGORY_TONES[row.category] }))
    .filter((row) => row.amount > 0)
    .sort((a, b) => b.amount - a.amount)
  const total = rows.reduce((sum, row) => sum + row.amount, 0)

  return (
    <figure className="chart" aria-labelledby="category-heading">
      <figcaption className="chart__header">
        <h2 className="chart__title" id="category-heading">
          {t('bill.byCategory')}
        </h2>
        <Segmented
          small
          label={t('bill.byCategory')}
          options={['out', 'in'] as const}
          value={side}
          onChange={setSide}
          text={(option) => t(`bill.${option}`)}
        />
      </figcaption>
      {rows.length === 0 ? (
        <p className="list-end">{t('bill.emptyTitle')}</p>
      ) : (
        <>
          <div className="chart__plot chart__plot--donut" data-testid="category-chart">
            <ResponsiveContainer width="100%" height={180}>
              <PieChart>
                <Pie
                  data={rows}
                  dataKey="amount"
                  nameKey="category"
                  innerRadius={52}
                  outerRadius={80}
                  paddingAngle={rows.length > 1 ? 2 : 0}
                  stroke="none"
                  isAnimationActive={false}
                />
              </PieChart>
            </ResponsiveContainer>
            <p className="chart__centre">
              <span>{t(side === 'out' ? 'bill.totalOut' : 'bill.totalIn')}</span>
              <strong>{format.money(total)}</strong>
            </p>
          </div>
          <ul className="category-list">
            {rows.map((row) => (
              <li key={row.category} className="category-list__row">
                <CategoryIcon category={row.category} size={32} />
                <span className="category-list__name">{t(`categories.${row.category}`)}</span>
                <span className="category-list__share">{format.percent(row.amount / total)}</span>
                <span className="category-list__amount">{format.money(row.amount)}</span>
                <span
                  className="category-list__bar"
                  style={{ width: `${(100 * row.amount) / total}%`, background: row.fill }}
                  aria-hidden="true"
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  )
}
