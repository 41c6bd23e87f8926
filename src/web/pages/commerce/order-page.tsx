import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { useMe } from '../../api/accounts.js'
import { isApiError } from '../../api/api-error.js'
import { useOrder } from '../../api/commerce.js'
import { Button } from '../../components/button.js'
import { OrderActionBar, useOrderActions, type OrderSheet } from '../../components/commerce/order-actions.js'
import { OrderItem, OrderMeta, OrderShipping } from '../../components/commerce/order-details.js'
import { OrderHero, OrderHistory } from '../../components/commerce/order-progress.js'
import { OrderSheets } from '../../components/commerce/order-sheets.js'
import type { OrderView } from '../../api/commerce-types.js'
import { FormAlert } from '../../components/form-alert.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'

const ROLE_TAB = { buyer: 'buyer', seller: 'seller', payer: 'payer' } as const

/** 订单详情: where the order stands, what was bought and where it goes, and exactly the actions this viewer has now. */
export function OrderPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const order = useOrder(id)
  const me = useMe().data
  const backTo = order.data ? `/orders?role=${ROLE_TAB[order.data.role]}` : '/orders'

  return (
    <div className="page page--with-bar">
      <PageHeader title={t('order.title')} backTo={backTo} />
      {order.isPending || !me ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : order.isError ? (
        <div className="list-end">
          <FormAlert message={isApiError(order.error, 'NOT_FOUND') ? t('order.notFound') : order.error.message} />
          {!isApiError(order.error, 'NOT_FOUND') && (
            <Button variant="secondary" onClick={() => void order.refetch()}>
              {t('common.retry')}
            </Button>
          )}
        </div>
      ) : (
        <OrderBody order={order.data} meId={me.id} />
      )}
    </div>
  )
}

function OrderBody({ order, meId }: { order: OrderView; meId: string }) {
  const [sheet, setSheet] = useState<OrderSheet | null>(null)
  const actions = useOrderActions(order, meId)
  const addressEditable = order.role === 'buyer' && (order.status === 'created' || order.status === 'paid')
  return (
    <>
      <OrderHero order={order} meId={meId} />
      <OrderShipping order={order} {...(addressEditable ? { onEditAddress: () => setSheet('address') } : {})} />
      <OrderItem order={order} />
      <OrderHistory order={order} />
      <OrderMeta order={order} />
      <OrderSheets order={order} sheet={sheet} onSheet={setSheet} />
      <OrderActionBar actions={actions} onOpen={setSheet} />
    </>
  )
}
