import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PersonView } from '../../../shared/api/social.js'
import { isApiError } from '../../api/api-error.js'
import { useChatTransfer } from '../../api/chat-transfers.js'
import { useWallet } from '../../api/wallet.js'
import { NOTE_MAX_LENGTH } from '../../lib/amount.js'
import { PIN_ERRORS, useAmount } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'
import { Button } from '../button.js'
import { Sheet } from '../sheet.js'
import { TextField } from '../text-field.js'
import { AmountField } from '../wallet/amount-field.js'
import { PinSheet } from '../wallet/pin-sheet.js'
import { WalletErrorAlert } from '../wallet/wallet-error-alert.js'
import { WalletGate } from '../wallet/wallet-gate.js'

interface TransferSheetProps {
  conversationId: string
  /** The other person, as the server's conversation names them. */
  peer: PersonView
  onClose: () => void
  onSent: () => void
}

/** 转账 to the other person of a direct chat: amount, a note, the PIN; the card then appears in the chat. */
export function TransferSheet({ conversationId, peer, onClose, onSent }: TransferSheetProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const wallet = useWallet()
  const transfer = useChatTransfer(conversationId)
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
      { amount: pinFor, pin, ...(trimmed ? { note: trimmed } : {}) },
      {
        onSuccess: onSent,
        onError: (error) => {
          if (!PIN_ERRORS.some((code) => isApiError(error, code))) setPinFor(null)
        },
      },
    )
  }

  return (
    <>
      <Sheet open={pinFor === null} onClose={onClose} title={t('money.transferTo', { name: peer.displayName })}>
        <WalletGate needsPin>
          <form className="money-form" onSubmit={submit} noValidate>
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
            <Button type="submit" className="button--transfer" block>
              {t('transfer.submit')}
            </Button>
          </form>
        </WalletGate>
      </Sheet>
      <PinSheet
        open={pinFor !== null}
        onClose={() => setPinFor(null)}
        purpose={t('transfer.pinFor', { name: peer.displayName })}
        payee={peer}
        amount={format.money(pinFor ?? 0)}
        onSubmit={pay}
        pending={transfer.isPending}
        error={transfer.error}
      />
    </>
  )
}
