import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import type { TransactionView } from '../../../shared/api/wallet.js'
import { isApiError } from '../../api/api-error.js'
import { useTransfer, useWallet } from '../../api/wallet.js'
import { Button } from '../../components/button.js'
import { PageHeader } from '../../components/page-header.js'
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

interface Recipient {
  id: string
  displayName: string
  maskedName?: string | null
}

/** `?to=<userId>&name=<displayName>` pre-selects the recipient, for pages that already know who it is. */
function presetRecipient(params: URLSearchParams): Recipient | null {
  const id = params.get('to')
  return id ? { id, displayName: params.get('name') ?? '' } : null
}

/** 转账: find the person by phone, confirm them, amount and note, PIN, done. */
export function TransferPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const [params] = useSearchParams()
  const [recipient, setRecipient] = useState<Recipient | null>(() => presetRecipient(params))
  const [done, setDone] = useState<TransactionView | null>(null)

  return (
    <div className="page">
      <PageHeader title={t('transfer.title')} backTo="/wallet" />
      <WalletGate needsPin>
        {done && recipient ? (
          <MoneyResult
            title={t('transfer.doneTitle')}
            amount={format.money(-done.amount)}
            body={t('transfer.doneBody', {
              name: done.counterparty?.displayName ?? recipient.displayName,
              amount: format.money(-done.amount),
            })}
          >
            <Link className="button button--primary button--block" to="/wallet">
              <span>{t('wallet.backToWallet')}</span>
            </Link>
          </MoneyResult>
        ) : recipient ? (
          <TransferForm recipient={recipient} onChangeRecipient={() => setRecipient(null)} onDone={setDone} />
        ) : (
          <PersonFinder onConfirm={setRecipient} />
        )}
      </WalletGate>
    </div>
  )
}

function TransferForm(props: {
  recipient: Recipient
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
        amount={format.money(pinFor ?? 0)}
        onSubmit={pay}
        pending={transfer.isPending}
        error={transfer.error}
      />
    </>
  )
}
