import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AMOUNT_MAX_PER_OPERATION } from '../../../shared/api/wallet.js'
import { isApiError } from '../../api/api-error.js'
import { useGroupSize, useSendRedPacket } from '../../api/red-packets.js'
import { useWallet } from '../../api/wallet.js'
import { PIN_ERRORS } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'
import { Button } from '../button.js'
import { Sheet } from '../sheet.js'
import { PinSheet } from '../wallet/pin-sheet.js'
import { WalletErrorAlert } from '../wallet/wallet-error-alert.js'
import { WalletGate } from '../wallet/wallet-gate.js'
import { FormRow } from './form-row.js'
import { checkPacket, type PacketProblem, type PacketType } from './red-packet-form.js'
import { Segmented } from '../segmented.js'

const GREETING_MAX = 40

interface RedPacketSheetProps {
  conversationId: string
  /** The group, for 本群共 N 人; null in a direct chat, where a packet has one share. */
  groupId: string | null
  onClose: () => void
  onSent: () => void
}

/** 发红包: lucky or equal, how many, how much, a greeting; then the PIN. */
export function RedPacketSheet({ conversationId, groupId, onClose, onSent }: RedPacketSheetProps) {
  const { t } = useTranslation()
  const groupSize = useGroupSize(groupId)
  const format = useFormat()
  const wallet = useWallet()
  const send = useSendRedPacket(conversationId)
  const group = groupId !== null
  const [type, setType] = useState<PacketType>(group ? 'lucky' : 'equal')
  const [countText, setCountText] = useState(group ? '' : '1')
  const [amountText, setAmountText] = useState('')
  const [greeting, setGreeting] = useState('')
  const [problem, setProblem] = useState<PacketProblem | null>(null)
  const [pinFor, setPinFor] = useState<{ total: number; count: number } | null>(null)

  const checked = checkPacket({ type, amountText, countText, available: wallet.data?.available })
  const shownTotal = 'total' in checked ? checked.total : 0

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!('total' in checked)) return setProblem(checked)
    setProblem(null)
    send.reset()
    setPinFor(checked)
  }

  const pay = (pin: string) => {
    if (!pinFor) return
    const trimmed = greeting.trim()
    // No greeting typed: none is stored, and each reader sees 恭喜发财，大吉大利 in their own language.
    send.mutate(
      { type, ...pinFor, pin, ...(trimmed ? { greeting: trimmed } : {}) },
      {
        onSuccess: onSent,
        onError: (error) => {
          if (!PIN_ERRORS.some((code) => isApiError(error, code))) setPinFor(null)
        },
      },
    )
  }

  const problemText =
    problem?.problem === 'count'
      ? t('redPacket.countInvalid')
      : problem?.problem === 'shareTooSmall'
        ? t('redPacket.shareTooSmall')
        : problem?.problem === 'tooLarge'
          ? t('amount.tooLarge', { max: format.money(AMOUNT_MAX_PER_OPERATION) })
          : problem?.problem === 'overAvailable'
            ? t('amount.overAvailable', { available: format.money(wallet.data?.available ?? 0) })
            : problem && t(`amount.${problem.problem}`)

  return (
    <>
      <Sheet open={pinFor === null} onClose={onClose} title={t('redPacket.title')}>
        <WalletGate needsPin>
          <form className="money-form" onSubmit={submit} noValidate>
            {group && (
              <Segmented
                label={t('redPacket.typeLabel')}
                options={['lucky', 'equal'] as const}
                value={type}
                onChange={setType}
                text={(option) => t(`redPacket.${option}`)}
              />
            )}
            {group && (
              <FormRow
                label={t('redPacket.count')}
                unit={t('redPacket.countUnit')}
                inputMode="numeric"
                placeholder={t('redPacket.countPlaceholder')}
                maxLength={4}
                value={countText}
                onChange={(value) => {
                  setCountText(value)
                  setProblem(null)
                }}
                invalid={problem?.field === 'count'}
              />
            )}
            {groupSize !== undefined && (
              <p className="money-form__hint">{t('redPacket.groupSize', { count: groupSize })}</p>
            )}
            <FormRow
              label={
                group && type === 'lucky' ? (
                  <>
                    <span className="lucky-badge" aria-hidden="true">
                      {t('redPacket.luckyBadge')}
                    </span>
                    {t('redPacket.total')}
                  </>
                ) : group ? (
                  t('redPacket.each')
                ) : (
                  t('redPacket.amount')
                )
              }
              unit={t('redPacket.yuanUnit')}
              inputMode="decimal"
              placeholder="0.00"
              maxLength={12}
              value={amountText}
              onChange={(value) => {
                setAmountText(value)
                setProblem(null)
              }}
              invalid={problem?.field === 'amount'}
              autoFocus={!group}
            />
            <FormRow
              label={t('redPacket.greeting')}
              placeholder={t('redPacket.defaultGreeting')}
              maxLength={GREETING_MAX}
              value={greeting}
              onChange={setGreeting}
            />
            <p className="money-form__problem" role="alert">
              {problemText}
            </p>
            <p className="money-form__total" data-testid="red-packet-total">
              {format.money(shownTotal)}
            </p>
            {pinFor === null && <WalletErrorAlert error={send.error} />}
            <Button type="submit" className="button--red-packet" block>
              {t('redPacket.submit')}
            </Button>
            <p className="money-form__hint money-form__hint--center">{t('redPacket.refundHint')}</p>
          </form>
        </WalletGate>
      </Sheet>
      <PinSheet
        open={pinFor !== null}
        onClose={() => setPinFor(null)}
        purpose={t('redPacket.pinFor')}
        amount={format.money(pinFor?.total ?? 0)}
        onSubmit={pay}
        pending={send.isPending}
        error={send.error}
      />
    </>
  )
}
