import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import type { PersonView } from '../../../shared/api/social.js'
import type { TransactionView } from '../../../shared/api/wallet.js'
import { useMe } from '../../api/accounts.js'
import { isApiError } from '../../api/api-error.js'
import { usePerson, useTransfer, useWallet } from '../../api/wallet.js'
import { Button } from '../../components/button.js'
import { FormAlert } from '../../components/form-alert.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { TextField } from '../../components/text-field.js'
import { AmountField } from '../../components/wallet/amount-field.js'
import { MoneyResult } from '../../components/wallet/money-result.js'
import { PersonCard } from '../../components/wallet/person-card.js'
import { PersonFinder } from '../../components/wallet/person-finder.js'
import { PinSheet } from '../../components/wallet/pin-sheet.js'
import { WalletErrorAlert } from '../../components/wallet/wallet-error-alert.js'
import { WalletGate } from '../../components/wallet/wallet-gate.js'
import { NOTE_MAX_LENGTH } from '../../lib/amount.js'
import { PIN_ERRORS, useAmount } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'

/**
 * 转账: find the person by phone, confirm them, amount and note, PIN, done. `?to=<userId>` starts at a known
 * person; only the id is taken from the link, and whom it names comes from the server, so no text in a URL
 * (`&name=mom`) can reach the form or the PIN sheet.
 */
export function TransferPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const [params] = useSearchParams()
  const [recipientId, setRecipientId] = useState<string | null>(() => params.get('to') || null)
  const [done, setDone] = useState<{ transaction: TransactionView; recipient: PersonView } | null>(null)

  return (
    <div className="page">
      <PageHeader title={t('transfer.title')} backTo="/wallet" />
      <WalletGate needsPin>
        {done ? (
          <MoneyResult
            title={t('transfer.doneTitle')}
            amount={format.money(-done.transaction.amount)}
            body={t('transfer.doneBody', {
              name: done.transaction.counterparty?.displayName ?? done.recipient.displayName,
              amount: format.money(-done.transaction.amount),
            })}
          >
            <Link className="button button--primary button--block" to="/wallet">
              <span>{t('wallet.backToWallet')}</span>
            </Link>
          </MoneyResult>
        ) : recipientId ? (
          <Recipient
            id={recipientId}
            onChangeRecipient={() => setRecipientId(null)}
            onDone={(transaction, recipient) => setDone({ transaction, recipient })}
          />
        ) : (
          <PersonFinder onConfirm={(person) => setRecipientId(person.id)} />
        )}
      </WalletGate>
    </div>
  )
}

/** The person behind an id, as the server shows them; anyone it will not name, or who cannot be paid, stops here. */
function Recipient(props: {
  id: string
  onChangeRecipient: () => void
  onDone: (transaction: TransactionView, recipient: PersonView) => void
}) {
  const { t } = useTranslation()
  const me = useMe().data
  const person = usePerson(props.id)

  if (person.isPending) {
    return (
      <div className="list-end">
        <Spinner label={t('common.loading')} />
      </div>
    )
  }
  const recipient = person.data
  const problem = person.isError
    ? // Unknown, hidden by a block or not an id at all: all the same to the payer.
      isApiError(person.error) && person.error.status < 500
      ? t('transfer.unknownRecipient')
      : person.error.message
    : recipient?.id === me?.id
      ? t('transfer.toYourself')
      : !recipient?.maskedName
        ? t('person.notVerified')
        : undefined
  if (problem !== undefined || !recipient) {
    return (
      <section className="card form">
        {recipient && <PersonCard person={recipient} />}
        <FormAlert message={problem} />
        <Button variant="secondary" block onClick={props.onChangeRecipient}>
          {t('transfer.findByPhone')}
        </Button>
      </section>
    )
  }
  return (
    <TransferForm
      recipient={recipient}
      onChangeRecipient={props.onChangeRecipient}
      onDone={(transaction) => props.onDone(transaction, recipient)}
    />
  )
}

function TransferForm(props: {
  recipient: PersonView
  onChangeRecipient: () => void
  onDone: (transaction: TransactionView) => void
}) {
  const { recipient } = props
  const { t } = useTranslation()
  const format = useFormat()
  const wallet = useWallet()
  const transfer = useTransfer()
  const amount = useAmount({ available: wallet.data?.available })
  const [note, setNote] = useState('')
  const [pinFor, setPinFor] = useState<number | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const fen = amount.take()
    if (fen === undefined) return
    transfer.reset()
    setPinFor(fen)
  }

  const pay = (pin: string) => {
    if (pinFor === null) return
    const trimmed = note.trim()
    transfer.mutate(
      { toUserId: recipient.id, amount: pinFor, pin, ...(trimmed ? { note: trimmed } : {}) },
      {
        onSuccess: (result) => props.onDone(result.transaction),
        onError: (error) => {
          if (!PIN_ERRORS.some((code) => isApiError(error, code))) setPinFor(null)
        },
      },
    )
  }

  return (
    <>
      <form className="card form" onSubmit={submit} noValidate>
        <p className="form__label">{t('transfer.to')}</p>
        <PersonCard
          person={recipient}
          action={
            <Button variant="ghost" className="person-card__change" onClick={props.onChangeRecipient}>
              {t('person.change')}
            </Button>
          }
        />
        <AmountField
          value={amount.text}
          onChange={amount.setText}
          error={amount.error}
          hint={wallet.data && t('wallet.available', { amount: format.money(wallet.data.available) })}
          autoFocus
        />
        <TextField
          label={t('transfer.note')}
          name="note"
          autoComplete="off"
          maxLength={NOTE_MAX_LENGTH}
          placeholder={t('transfer.notePlaceholder')}
          value={note}
          onChange={setNote}
        />
        {pinFor === null && <WalletErrorAlert error={transfer.error} />}
        <Button type="submit" block>
          {t('transfer.submit')}
        </Button>
      </form>
      <PinSheet
        open={pinFor !== null}
        onClose={() => setPinFor(null)}
        purpose={t('transfer.pinFor', { name: recipient.displayName })}
        payee={recipient}
        amount={format.money(pinFor ?? 0)}
        onSubmit={pay}
        pending={transfer.isPending}
        error={transfer.error}
      />
    </>
  )
}
