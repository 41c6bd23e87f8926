import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useOrders } from '../../api/commerce.js'
import { ORDER_ROLES, type OrderRole } from '../../api/commerce-types.js'
import { Button } from '../../components/button.js'
import { OrderRow } from '../../components/commerce/order-row.js'
import { EmptyState } from '../../components/empty-state.js'
import { BagIcon } from '../../components/icons.js'
import { InfiniteSentinel } from '../../components/infinite-sentinel.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { Segmented, tabId } from '../../components/segmented.js'

const EMPTY_TITLE = { buyer: 'orders.emptyBuyer', seller: 'orders.emptySeller', payer: 'orders.emptyPayer' } as const

/** 我的订单: 我买到的 / 我卖出的 / 代付, newest first, loading as I scroll; the tab lives in the address (?role=). */
export function OrdersPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const role = ORDER_ROLES.find((option) => option === params.get('role')) ?? 'buyer'

  return (
    <div className="page">
      <PageHeader title={t('orders.title')} backTo="/me" />
      <Segmented
        tabs
        panelId="orders-panel"
        label={t('orders.tabs')}
        options={ORDER_ROLES}
        value={role}
        onChange={(option) => setParams({ role: option }, { replace: true })}
        text={(option) => t(`orders.${option}`)}
      />
      <div id="orders-panel" role="tabpanel" aria-labelledby={tabId('orders-panel', role)}>
        <OrderList key={role} role={role} />
      </div>
    </div>
  )
}

function OrderList({ role }: { role: OrderRole }) {
  const { t } = useTranslation()
  const orders = useOrders(role)
  const items = (orders.data?.pages ?? []).flatMap((page) => page.items)

  if (orders.isPending) {
    return (
      <div className="list-end">
        <Spinner label={t('common.loading')} />
      </div>
    )
  }
  if (orders.isError) {
    return (
      <div className="list-end">
        <p>{orders.error.message}</p>
        <Button variant="secondary" onClick={() => void orders.refetch()}>
          {t('common.retry')}
        </Button>
      </div>
    )
  }
  if (items.length === 0) {
    return <EmptyState icon={<BagIcon size={40} />} title={t(EMPTY_TITLE[role])} body={t('orders.emptyBody')} />
  }
  return (
    <>
      <ul className="order-list">
        {items.map((order) => (
          <OrderRow key={order.id} order={order} />
        ))}
      </ul>
      <InfiniteSentinel
        hasMore={orders.hasNextPage}
        loading={orders.isFetchingNextPage}
        onMore={() => void orders.fetchNextPage()}
        endLabel={t('orders.end')}
      />
    </>
  )
}
