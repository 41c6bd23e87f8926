import { useTranslation } from 'react-i18next'
import { usePaymentRequests } from '../../api/wallet.js'
import { useFormat } from '../../lib/use-format.js'
import { InfiniteSentinel } from '../infinite-sentinel.js'
import { Spinner } from '../spinner.js'
import { CategoryIcon } from './category-icon.js'

/** The requests I sent, newest first, with where each stands. */
export function OutgoingRequests() {
  const { t } = useTranslation()
  const format = useFormat()
  const requests = usePaymentRequests('outgoing')
  const items = (requests.data?.pages ?? []).flatMap((page) => page.items)

  return (
    <section className="card list" aria-labelledby="outgoing-heading">
      <h2 className="list__heading" id="outgoing-heading">
        {t('request.outgoingTitle')}
      </h2>
      {requests.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : requests.isError ? (
        <p className="list-end">{requests.error.message}</p>
      ) : items.length === 0 ? (
        <p className="list-end">{t('request.outgoingEmpty')}</p>
      ) : (
        <>
          <ul className="tx-list">
            {items.map((item) => (
              <li key={item.id} className="tx-row" data-testid="outgoing-request">
                <CategoryIcon category="request" />
                <div className="tx-row__main">
                  <p className="tx-row__title">{t('request.askedOf', { name: item.payer.displayName })}</p>
                  {item.note && <p className="tx-row__details">{item.note}</p>}
                  <p className="tx-row__time">
                    <time dateTime={item.createdAt}>{format.time(item.createdAt)}</time>
                  </p>
                </div>
                <div className="tx-row__side">
                  <p className="tx-row__amount">{format.money(item.amount)}</p>
                  <span className={`badge badge--request-${item.status}`}>{t(`request.status.${item.status}`)}</span>
                </div>
              </li>
            ))}
          </ul>
          {requests.hasNextPage && (
            <InfiniteSentinel
              hasMore={requests.hasNextPage}
              loading={requests.isFetchingNextPage}
              onMore={() => void requests.fetchNextPage()}
              endLabel=""
            />
          )}
        </>
      )}
    </section>
  )
}
