import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import type { IouView } from '../../../shared/api/ious.js'
import { useMe } from '../../api/accounts.js'
import { isApiError } from '../../api/api-error.js'
import { useAcceptIou, useDeclineIou, useIou } from '../../api/ious.js'
import { Avatar } from '../../components/avatar.js'
import { Button } from '../../components/button.js'
import { ConfirmSheet } from '../../components/confirm-sheet.js'
import { MoneyLoadState } from '../../components/money/load-state.js'
import { RepaySheet } from '../../components/money/repay-sheet.js'
import { PageHeader } from '../../components/page-header.js'
import { PinSheet } from '../../components/wallet/pin-sheet.js'
import { WalletErrorAlert } from '../../components/wallet/wallet-error-alert.js'
import { PIN_ERRORS } from '../../lib/use-amount.js'
import { useChatTime } from '../../lib/use-chat-time.js'
import { useFormat } from '../../lib/use-format.js'
import '../../components/chat/money-chat.css'
import '../../styles/money-pages.css'

/**
 * 借条详情, for its two parties: who lends whom how much, at what rate, until when; where it stands (requested →
 * active → repaid, overdue past the due date); interest accrued by day and the schedule, as the server counts them.
 */
export function IouPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const iou = useIou(id)
  const me = useMe().data
  const data = iou.data
  return (
    <div className="page money-detail">
      <PageHeader
        title={t('iou.detailsTitle')}
        backTo={data ? `/chat/${encodeURIComponent(data.conversationId)}` : '/ious'}
      />
      {data && me ? (
        <IouBody iou={data} meId={me.id} />
      ) : (
        <MoneyLoadState error={iou.error} onRetry={() => void iou.refetch()} />
      )}
    </div>
  )
}

function IouBody({ iou, meId }: { iou: IouView; meId: string }) {
  const { t } = useTranslation()
  const format = useFormat()
  const time = useChatTime()
  const accept = useAcceptIou(iou.id)
  const decline = useDeclineIou(iou.id)
  const [sheet, setSheet] = useState<'accept' | 'decline' | 'repay' | null>(null)
  const lender = iou.lender.id === meId
  const borrower = iou.borrower.id === meId
  const lent = iou.status === 'active' || iou.status === 'overdue' || iou.status === 'repaid'
  const owing = iou.status === 'active' || iou.status === 'overdue'

  const submitPin = (pin: string) =>
    accept.mutate(pin, {
      onSuccess: () => setSheet(null),
      onError: (error) => {
        if (!PIN_ERRORS.some((code) => isApiError(error, code))) setSheet(null)
      },
    })

  const money = format.money
  const row = (label: string, value: string, testId?: string) => (
    <div className="money-fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  )

  return (
    <>
      <section className={`money-hero money-hero--iou money-hero--${iou.status}`}>
        <p className="money-hero__who">
          <Avatar name={iou.borrower.displayName} url={iou.borrower.avatarUrl} size={28} />
          <span>{t('iou.parties', { borrower: iou.borrower.displayName, lender: iou.lender.displayName })}</span>
        </p>
        <h2 className="money-hero__title">{iou.purpose || t('iou.noPurpose')}</h2>
        <p className="money-hero__amount">{money(iou.amount)}</p>
        <p className="money-hero__status" data-testid="iou-status" data-status={iou.status}>
          {t(`iou.status.${iou.status}`)}
        </p>
      </section>

      <section className="card money-detail__facts" aria-labelledby="iou-terms">
        <h2 className="list__heading" id="iou-terms">
          {t('iou.terms')}
        </h2>
        <dl>
          {row(t('iou.borrower'), iou.borrower.displayName)}
          {row(t('iou.lender'), iou.lender.displayName)}
          {row(t('iou.rate'), t('iou.ratePercent', { rate: iou.annualRatePercent }))}
          {row(t('iou.dueDate'), iou.dueDate, 'iou-due-date')}
          {row(t('iou.writtenAt'), format.time(iou.createdAt))}
          {iou.acceptedAt && row(t('iou.acceptedAt'), format.time(iou.acceptedAt))}
          {iou.settledAt && row(t('iou.settledAt'), format.time(iou.settledAt))}
        </dl>
      </section>

      {lent && (
        <section className="card money-detail__facts" aria-labelledby="iou-balance">
          <h2 className="list__heading" id="iou-balance">
            {t('iou.balance')}
          </h2>
          <dl>
            {row(t('iou.outstanding'), money(iou.outstanding), 'iou-outstanding')}
            {row(t('iou.outstandingPrincipal'), money(iou.outstandingPrincipal))}
            {row(t('iou.interestOwed'), money(iou.interestOwed), 'iou-interest-owed')}
            {row(t('iou.principalPaid'), money(iou.principalPaid))}
            {row(t('iou.interestPaid'), money(iou.interestPaid))}
          </dl>
        </section>
      )}

      <section className="card money-detail__facts" aria-labelledby="iou-schedule">
        <h2 className="list__heading" id="iou-schedule">
          {t('iou.schedule')}
        </h2>
        <dl>
          {row(t('iou.interestAtDueDate'), money(iou.schedule.interestAtDueDate))}
          {row(t('iou.totalAtDueDate'), money(iou.schedule.totalAtDueDate), 'iou-total-at-due')}
          {iou.schedule.reminders.map((reminder) =>
            row(
              t(`iou.reminder.${reminder.kind}`),
              `${format.time(reminder.at)}${reminder.sent ? ` · ${t('iou.reminderSent')}` : ''}`,
            ),
          )}
        </dl>
        <p className="money-detail__note">{t('iou.formula')}</p>
      </section>

      {iou.repayments.length > 0 && (
        <section className="card list money-detail__list" aria-labelledby="iou-repayments">
          <h2 className="list__heading" id="iou-repayments">
            {t('iou.repayments')}
          </h2>
          <ul className="money-people">
            {iou.repayments.map((repayment) => (
              <li key={repayment.at + repayment.amount} className="money-person" data-testid="iou-repayment">
                <span className="money-person__who">
                  <span className="money-person__name">{money(repayment.amount)}</span>
                  <span className="money-person__sub">
                    {t('iou.repaymentSplit', {
                      interest: money(repayment.interest),
                      principal: money(repayment.principal),
                    })}
                  </span>
                </span>
                <span className="money-person__money">
                  <span className="money-person__amount">
                    {t('iou.left', { amount: money(repayment.outstandingAfter) })}
                  </span>
                  <span className="money-person__sub">{time.list(repayment.at)}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="money-detail__actions">
        {sheet === null && <WalletErrorAlert error={accept.error ?? decline.error} />}
        {lender && iou.status === 'requested' && (
          <>
            <Button
              className="button--iou"
              block
              onClick={() => {
                accept.reset()
                setSheet('accept')
              }}
            >
              {t('iou.accept', { amount: money(iou.amount) })}
            </Button>
            <Button variant="secondary" block onClick={() => setSheet('decline')}>
              {t('iou.decline')}
            </Button>
          </>
        )}
        {borrower && iou.status === 'requested' && <p className="money-form__hint">{t('iou.waiting')}</p>}
        {borrower && owing && (
          <Button className="button--iou" block onClick={() => setSheet('repay')}>
            {t('iou.repay')}
          </Button>
        )}
      </div>

      <PinSheet
        open={sheet === 'accept'}
        onClose={() => setSheet(null)}
        purpose={t('iou.acceptPinFor', { name: iou.borrower.displayName })}
        payee={iou.borrower}
        amount={money(iou.amount)}
        onSubmit={submitPin}
        pending={accept.isPending}
        error={accept.error}
      />
      <ConfirmSheet
        open={sheet === 'decline'}
        title={t('iou.declineTitle')}
        body={t('iou.declineBody', { name: iou.borrower.displayName })}
        confirmLabel={t('iou.decline')}
        onConfirm={() => decline.mutate(undefined, { onSuccess: () => setSheet(null) })}
        onClose={() => setSheet(null)}
        pending={decline.isPending}
        error={decline.error}
      />
      {sheet === 'repay' && <RepaySheet iou={iou} onClose={() => setSheet(null)} />}
    </>
  )
}
