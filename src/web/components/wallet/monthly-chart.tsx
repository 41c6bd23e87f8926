import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Bill } from '../../../shared/api/wallet.js'
import { useFormat } from '../../lib/use-format.js'

export const IN_COLOUR = '#00a870'
export const OUT_COLOUR = '#1677ff'
const AXIS_TICK = { fontSize: 11, fill: '#86909c' }

/** Twelve months of money in and out, side by side; sized for a 390 px phone. */
export function MonthlyChart({ months }: { months: Bill['byMonth'] }) {
  const { t } = useTranslation()
  const format = useFormat()
  // The axis shows bare month numbers (twelve "10月"-wide labels do not fit 390 px); the tooltip names the month.
  const data = months.map((month) => ({ month: month.month, in: month.in, out: month.out }))
  return (
    <figure className="chart" aria-labelledby="monthly-heading">
      <figcaption className="chart__header">
        <h2 className="chart__title" id="monthly-heading">
          {t('bill.monthly')}
        </h2>
        <span className="chart__legend">
          <span className="chart__swatch" style={{ background: OUT_COLOUR }} />
          {t('bill.out')}
          <span className="chart__swatch" style={{ background: IN_COLOUR }} />
          {t('bill.in')}
        </span>
      </figcaption>
      <div className="chart__plot" data-testid="monthly-chart">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }} barGap={1} barCategoryGap="16%">
            <CartesianGrid vertical={false} stroke="#e5e8ef" />
            <XAxis dataKey="month" tickLine={false} axisLine={false} interval={0} tick={AXIS_TICK} height={24} />
            <YAxis
              width={48}
              tickLine={false}
              axisLine={false}
              tick={AXIS_TICK}
              tickFormatter={(value: number) => format.moneyCompact(value)}
            />
            <Tooltip
              cursor={{ fill: 'rgb(22 119 255 / 6%)' }}
              formatter={(value) => format.money(Number(value))}
              labelFormatter={(month) => format.monthShort(Number(month))}
              contentStyle={{ borderRadius: 12, border: '1px solid #e5e8ef', fontSize: 13 }}
            />
            <Bar dataKey="out" name={t('bill.out')} fill={OUT_COLOUR} radius={[3, 3, 0, 0]} maxBarSize={12} />
            <Bar dataKey="in" name={t('bill.in')} fill={IN_COLOUR} radius={[3, 3, 0, 0]} maxBarSize={12} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
