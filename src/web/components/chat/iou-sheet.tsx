import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AMOUNT_MAX_PER_OPERATION } from '../../../shared/api/wallet.js'
import { useIouRules } from '../../api/iou-rules.js'
import { useWriteIou } from '../../api/ious.js'
import { checkAmount } from '../../lib/amount.js'
import { chinaToday, dayAfter, daysBetween, interestEstimate, parseRate } from '../../lib/iou-terms.js'
import { useFormat } from '../../lib/use-format.js'
import { Button } from '../button.js'
import { Sheet } from '../sheet.js'
import { WalletErrorAlert } from '../wallet/wallet-error-alert.js'
import { WalletGate } from '../wallet/wallet-gate.js'
import { FormRow } from './form-row.js'

const PURPOSE_MAX = 100

interface IouSheetProps {
  lender: { id: string; displayName: string }
  onClose: () => void
  onSent: () => void
}

/**
 * 写借条 to the friend of a direct chat: amount, annual rate (the legal cap shown), due date, purpose. The borrower
 * writes it; no PIN, since nothing moves until the lender accepts with theirs.
 */
export function IouSheet({ lender, onClose, onSent }: IouSheetProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const cap = useIouRules().data?.annualRateCapPercent
  const write = useWriteIou()
  const today = chinaToday()
  const [amountText, setAmountText] = useState('')
  const [rateText, setRateText] = useState('')
  const [dueDate, setDueDate] = useState('')
  const [purpose, setPurpose] = useState('')
  const [problem, setProblem] = useState<string | undefined>()

  const amount = checkAmount(amountText)
  const rate = parseRate(rateText)
  const days = dueDate ? daysBetween(today, dueDate) : 0
  const interest = 'fen' in amount && rate !== undefined ? interestEstimate(amount.fen, rate, days) : 0

  const change = (set: (value: string) => void) => (value: string) => {
    set(value)
    setProblem(undefined)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!('fen' in amount)) {
      return setProblem(
        amount.problem === 'tooLarge'
          ? t('amount.tooLarge', { max: format.money(AMOUNT_MAX_PER_OPERATION) })
          : t(`amount.${amount.problem}`),
      )
    }
    if (rate === undefined) return setProblem(t('iou.rateInvalid'))
    if (cap !== undefined && rate > cap) return setProblem(t('iou.rateOverCap', { cap }))
    if (!dueDate || days < 1) return setProblem(t('iou.dueDateInvalid'))
    setProblem(undefined)
    const trimmed = purpose.trim()
    write.mutate(
      {
        lenderId: lender.id,
        amount: amount.fen,
        annualRatePercent: rate,
        dueDate,
        ...(trimmed ? { purpose: trimmed } : {}),
      },
      { onSuccess: onSent },
    )
  }

  return (
    <Sheet open onClose={onClose} title={t('iou.sheetTitle', { name: lender.displayName })}>
      <WalletGate>
        <form className="money-form" onSubmit={submit} noValidate>
          <FormRow
            label={t('iou.amount')}
            unit={t('redPacket.yuanUnit')}
            inputMode="decimal"
            placeholder="0.00"
            maxLength={12}
            value={amountText}
            onChange={change(setAmountText)}
            autoFocus
          />
          <FormRow
            label={t('iou.rate')}
            unit="%"
            inputMode="decimal"
            placeholder="0"
            maxLength={6}
            value={rateText}
            onChange={change(setRateText)}
          />
          {cap !== undefined && (
            <p className="money-form__hint" data-testid="iou-rate-cap">
              {t('iou.rateCap', { cap })}
            </p>
          )}
          <FormRow
            label={t('iou.dueDate')}
            type="date"
            min={dayAfter(today)}
            value={dueDate}
            onChange={change(setDueDate)}
          />
          <FormRow
            label={t('iou.purpose')}
            placeholder={t('iou.purposePlaceholder')}
            maxLength={PURPOSE_MAX}
            value={purpose}
            onChange={setPurpose}
          />
          <p className="money-form__problem" role="alert">
            {problem}
          </p>
          <p className="money-form__total" data-testid="iou-total">
            {format.money('fen' in amount ? amount.fen : 0)}
          </p>
          {'fen' in amount && rate !== undefined && days > 0 && (
            <p className="money-form__hint money-form__hint--center" data-testid="iou-estimate">
              {t('iou.estimate', {
                days,
                interest: format.money(interest),
                total: format.money(amount.fen + interest),
              })}
            </p>
          )}
          <WalletErrorAlert error={write.error} />
          <Button type="submit" className="button--iou" block pending={write.isPending}>
            {t('iou.submit')}
          </Button>
          <p className="money-form__hint money-form__hint--center">
            {t('iou.noPinHint', { name: lender.displayName })}
          </p>
        </form>
      </WalletGate>
    </Sheet>
  )
}
