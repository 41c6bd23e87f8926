import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PaymentRequestView } from '../../../shared/api/wallet.js'
import { isApiError } from '../../api/api-error.js'
import { useDeclineRequest, usePaymentRequests, usePayRequest } from '../../api/wallet.js'
import { PIN_ERRORS } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { Button } from '../button.js'
import { Sheet } from '../sheet.js'
import { PinSheet } from './pin-sheet.js'
import { WalletErrorAlert } from './wallet-error-alert.js'

/** 交钱: open requests that others sent me, each with Pay (PIN sheet) and Decline (after a confirmation). */
export function IncomingRequests() {
  const { t } = useTranslation()
  const format = useFormat()
  const requests = usePaymentRequests('incoming')
  const pay = usePayRequest()
  const decline = useDeclineRequest()
  const [paying, setPaying] = useState<PaymentRequestView | null>(null)
  const [declining, setDeclining] = useState<PaymentRequestView | null>(null)
  const [notice, setNotice] = useState<string | undefined>()
  const open = (requests.data?.pages ?? []).flatMap((page) => page.items).filter((item) => item.status === 'open')

  const startPaying = (item: PaymentRequestView) => {
    pay.reset()
    setNotice(undefined)
    setPaying(item)
  }
  const submitPin = (pin: string) => {
    if (!paying) return
    const { id, requester, amount } = paying
    pay.mutate(
      { id, pin },
      {
        onSuccess: () => {
          setPaying(null)
          setNotice(t('incoming.paid', { name: requester.displayName, amount: format.money(amount) }))
        },
      },
    )
  }
  const confirmDecline = () => {
    if (!declining) return
    decline.mutate(declining.id, {
      onSuccess: () => {
        setDeclining(null)
        setNotice(t('incoming.declined'))
      },
    })
  }
  // A failure other than a wrong or locked PIN is not the PIN's fault: show it under the list.
  const payFailed = pay.error && !PIN_ERRORS.some((code) => isApiError(pay.error, code))

  return (
    <>
      <div className="toast-slot" role="status">
        {notice && <p className="toast">{notice}</p>}
      </div>
      {open.length > 0 && (
        <section className="card list" aria-labelledby="incoming-heading">
          <h2 className="list__heading" id="incoming-heading">
            {t('incoming.title')}
          </h2>
          <ul className="request-list">
            {open.map((item) => (
              <li key={item.id} className="request-row" data-testid="incoming-request">
                <Avatar name={item.requester.displayName} size={40} />
                <div className="request-row__main">
                  <p className="request-row__title">{t('incoming.from', { name: item.requester.displayName })}</p>
                  {item.note && <p className="request-row__note">{item.note}</p>}
                  <p className="request-row__amount">{format.money(item.amount)}</p>
                </div>
                <div className="request-row__actions">
                  <Button variant="ghost" onClick={() => setDeclining(item)}>
                    {t('incoming.decline')}
                  </Button>
                  <Button onClick={() => startPaying(item)}>{t('incoming.pay')}</Button>
                </div>
              </li>
            ))}
          </ul>
          {payFailed && (
            <div className="list__body">
              <WalletErrorAlert error={pay.error} />
            </div>
          )}
        </section>
      )}
      <PinSheet
        open={paying !== null && !payFailed}
        onClose={() => setPaying(null)}
        purpose={paying ? t('incoming.pinFor', { name: paying.requester.displayName }) : ''}
        payee={paying?.requester}
        amount={paying ? format.money(paying.amount) : ''}
        onSubmit={submitPin}
        pending={pay.isPending}
        error={pay.error}
      />
      <Sheet open={declining !== null} onClose={() => setDeclining(null)} title={t('incoming.declineTitle')}>
        {declining && (
          <div className="confirm-sheet">
            <p>
              {t('incoming.declineBody', {
                name: declining.requester.displayName,
                amount: format.money(declining.amount),
              })}
            </p>
            <WalletErrorAlert error={decline.error} />
            <Button variant="danger" block pending={decline.isPending} onClick={confirmDecline}>
              {t('incoming.declineConfirm')}
            </Button>
            <Button variant="ghost" block onClick={() => setDeclining(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        )}
      </Sheet>
    </>
  )
}
