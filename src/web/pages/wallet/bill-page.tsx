import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBill } from '../../api/wallet.js'
import { Button } from '../../components/button.js'
import { EmptyState } from '../../components/empty-state.js'
import { BackIcon, ChartIcon, ChevronRightIcon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { CategoryChart } from '../../components/wallet/category-chart.js'
import { MonthlyChart } from '../../components/wallet/monthly-chart.js'
import { WalletGate } from '../../components/wallet/wallet-gate.js'
import { useFormat } from '../../lib/use-format.js'

/** The API keeps bills from 2000 on. */
const FIRST_YEAR = 2000

/** 年度账单: a year's totals, month by month and by category; the percentile only when the user asks for it. */
export function BillPage() {
  const { t } = useTranslation()
  return (
    <div className="page">
      <PageHeader title={t('bill.title')} backTo="/wallet" />
      <WalletGate>
        <AnnualBill />
      </WalletGate>
    </div>
  )
}

function AnnualBill() {
  const { t } = useTranslation()
  const format = useFormat()
  const thisYear = new Date().getFullYear()
  const [year, setYear] = useState(thisYear)
  const [compare, setCompare] = useState(false)
  const bill = useBill(year, compare)
  const data = bill.data?.year === year ? bill.data : undefined

  return (
    <>
      <div className="year-picker">
        <button
          type="button"
          className="icon-button"
          aria-label={t('bill.previousYear')}
          disabled={year <= FIRST_YEAR}
          onClick={() => setYear(year - 1)}
        >
          <BackIcon size={20} />
        </button>
        <h2 className="year-picker__year" aria-live="polite">
          {t('bill.year', { year })}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('bill.nextYear')}
          disabled={year >= thisYear}
          onClick={() => setYear(year + 1)}
        >
          <ChevronRightIcon size={20} />
        </button>
      </div>

      {bill.isError ? (
        <div className="list-end">
          <p>{bill.error.message}</p>
          <Button variant="secondary" onClick={() => void bill.refetch()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : !data ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : data.totalIn === 0 && data.totalOut === 0 ? (
        <EmptyState icon={<ChartIcon size={40} />} title={t('bill.emptyTitle')} body={t('bill.emptyBody')} />
      ) : (
        <>
          <section className="bill-summary">
            <div>
              <p className="bill-summary__label">{t('bill.totalOut')}</p>
              <p className="bill-summary__amount" data-testid="bill-total-out">
                {format.money(data.totalOut)}
              </p>
            </div>
            <div>
              <p className="bill-summary__label">{t('bill.totalIn')}</p>
              <p className="bill-summary__amount bill-summary__amount--small" data-testid="bill-total-in">
                {format.money(data.totalIn)}
              </p>
            </div>
          </section>
          <section className="card">
            <MonthlyChart months={data.byMonth} />
          </section>
          <section className="card">
            <CategoryChart categories={data.byCategory} />
          </section>
          {data.percentile !== undefined ? (
            <section className="card percentile" role="status">
              <p className="percentile__text">
                {t('bill.percentile', { percent: format.percent(data.percentile / 100) })}
              </p>
              <p className="percentile__note">{t('bill.percentileNote')}</p>
            </section>
          ) : (
            <Button variant="secondary" block pending={compare && bill.isFetching} onClick={() => setCompare(true)}>
              {t('bill.compare')}
            </Button>
          )}
        </>
      )}
    </>
  )
}
