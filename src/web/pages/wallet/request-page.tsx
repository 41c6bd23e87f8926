import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../shared/api/accounts.js'
import type { PaymentRequestView } from '../../../shared/api/wallet.js'
import { isApiError } from '../../api/api-error.js'
import { useCreatePaymentRequest } from '../../api/wallet.js'
import { Button } from '../../components/button.js'
import { FormAlert } from '../../components/form-alert.js'
import { PageHeader } from '../../components/page-header.js'
import { TextField } from '../../components/text-field.js'
import { AmountField } from '../../components/wallet/amount-field.js'
import { MoneyResult } from '../../components/wallet/money-result.js'
import { OutgoingRequests } from '../../components/wallet/outgoing-requests.js'
import { PersonCard } from '../../components/wallet/person-card.js'
import { PersonFinder } from '../../components/wallet/person-finder.js'
import { WalletErrorAlert } from '../../components/wallet/wallet-error-alert.js'
import { WalletGate } from '../../components/wallet/wallet-gate.js'
import { NOTE_MAX_LENGTH } from '../../lib/amount.js'
import { useAmount } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'

/** 收钱: ask someone (found by phone) for an amount; below, the requests I sent and where they stand. */
export function RequestPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const [payer, setPayer] = useState<UserSummary | null>(null)
  const [done, setDone] = useState<PaymentRequestView | null>(null)

  const startOver = () => {
    setDone(null)
    setPayer(null)
  }

  return (
    <div className="page">
      <PageHeader title={t('request.title')} backTo="/wallet" />
      <WalletGate>
        {done ? (
          <MoneyResult
            title={t('request.doneTitle')}
            amount={format.money(done.amount)}
            body={t('request.doneBody', { name: done.payer.displayName, amount: format.money(done.amount) })}
          >
            <Button block onClick={startOver}>
              {t('request.another')}
            </Button>
          </MoneyResult>
        ) : payer ? (
          <RequestForm payer={payer} onChangePayer={() => setPayer(null)} onDone={setDone} />
        ) : (
          <PersonFinder onConfirm={setPayer} />
        )}
        <OutgoingRequests />
      </WalletGate>
    </div>
  )
}

function RequestForm(props: {
  payer: UserSummary
  onChangePayer: () => void
  onDone: (request: PaymentRequestView) => void
}) {
  const { t } = useTranslation()
  const create = useCreatePaymentRequest()
  const amount = useAmount()
  const [note, setNote] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const fen = amount.take()
    if (fen === undefined) return
    const trimmed = note.trim()
    create.mutate(
      { fromUserId: props.payer.id, amount: fen, ...(trimmed ? { note: trimmed } : {}) },
      { onSuccess: props.onDone },
    )
  }

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <p className="form__label">{t('request.from')}</p>
      <PersonCard
        person={props.payer}
        action={
          <Button variant="ghost" className="person-card__change" onClick={props.onChangePayer}>
            {t('person.change')}
          </Button>
        }
      />
      <AmountField value={amount.text} onChange={amount.setText} error={amount.error} autoFocus />
      <TextField
        label={t('request.note')}
        name="note"
        autoComplete="off"
        maxLength={NOTE_MAX_LENGTH}
        placeholder={t('request.notePlaceholder')}
        value={note}
        onChange={setNote}
      />
      {isApiError(create.error, 'FORBIDDEN') ? (
        <FormAlert message={t('request.errors.FORBIDDEN', { name: props.payer.displayName })} />
      ) : isApiError(create.error, 'RATE_LIMITED') ? (
        <FormAlert
          message={t('request.errors.RATE_LIMITED', {
            minutes: Math.ceil(Number(create.error.details.retryAfterSeconds ?? 60) / 60),
          })}
        />
      ) : (
        <WalletErrorAlert error={create.error} />
      )}
      <Button type="submit" block pending={create.isPending}>
        {t('request.submit')}
      </Button>
    </form>
  )
}
