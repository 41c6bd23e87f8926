import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AMOUNT_MAX_PER_OPERATION } from '../../../shared/api/wallet.js'
import { useMe } from '../../api/accounts.js'
import { useCreateCollection } from '../../api/collections.js'
import { useGroup } from '../../api/groups.js'
import { checkAmount } from '../../lib/amount.js'
import { splitShares } from '../../lib/collection-split.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { Button } from '../button.js'
import { Sheet } from '../sheet.js'
import { WalletErrorAlert } from '../wallet/wallet-error-alert.js'
import { WalletGate } from '../wallet/wallet-gate.js'
import { FormRow } from './form-row.js'
import { Segmented } from '../segmented.js'

const TITLE_MAX = 40

interface CollectionSheetProps {
  groupId: string
  onClose: () => void
  onSent: () => void
}

/**
 * 群收款: a title, the members asked (everyone but me to start with), an amount each or a total split evenly, each
 * share shown as the server will split it. No PIN: nothing moves until each member pays.
 */
export function CollectionSheet({ groupId, onClose, onSent }: CollectionSheetProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const meId = useMe().data?.id
  const group = useGroup(groupId).data
  const create = useCreateCollection(groupId)
  const others = (group?.members ?? []).filter((member) => member.id !== meId)
  const [title, setTitle] = useState('')
  const [mode, setMode] = useState<'each' | 'total'>('each')
  const [amountText, setAmountText] = useState('')
  const [unpicked, setUnpicked] = useState<ReadonlySet<string>>(new Set())
  const [problem, setProblem] = useState<string | undefined>()

  const picked = others.filter((member) => !unpicked.has(member.id))
  const checked = checkAmount(amountText)
  const shares = 'fen' in checked ? splitShares(mode, checked.fen, picked.length) : []
  const total = shares.reduce((sum, share) => sum + share, 0)

  const toggle = (id: string) => {
    setProblem(undefined)
    setUnpicked((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = title.trim()
    if (!trimmed) return setProblem(t('collection.titleRequired'))
    if (picked.length === 0) return setProblem(t('collection.membersRequired'))
    if (!('fen' in checked)) {
      return setProblem(
        checked.problem === 'tooLarge'
          ? t('amount.tooLarge', { max: format.money(AMOUNT_MAX_PER_OPERATION) })
          : t(`amount.${checked.problem}`),
      )
    }
    if (shares.some((share) => share < 1 || share > AMOUNT_MAX_PER_OPERATION)) {
      return setProblem(t('collection.shareInvalid'))
    }
    setProblem(undefined)
    const memberIds = picked.map((member) => member.id)
    create.mutate(
      mode === 'each'
        ? { title: trimmed, amountPerMember: checked.fen, memberIds }
        : { title: trimmed, totalAmount: checked.fen, memberIds },
      { onSuccess: onSent },
    )
  }

  return (
    <Sheet open onClose={onClose} title={t('collection.sheetTitle')}>
      <WalletGate>
        <form className="money-form" onSubmit={submit} noValidate>
          <FormRow
            label={t('collection.titleLabel')}
            placeholder={t('collection.titlePlaceholder')}
            maxLength={TITLE_MAX}
            value={title}
            onChange={(value) => {
              setTitle(value)
              setProblem(undefined)
            }}
            autoFocus
          />
          <Segmented
            label={t('collection.modeLabel')}
            options={['each', 'total'] as const}
            value={mode}
            onChange={setMode}
            text={(option) => t(`collection.mode.${option}`)}
          />
          <FormRow
            label={t(mode === 'each' ? 'collection.amountEach' : 'collection.amountTotal')}
            unit={t('redPacket.yuanUnit')}
            inputMode="decimal"
            placeholder="0.00"
            maxLength={12}
            value={amountText}
            onChange={(value) => {
              setAmountText(value)
              setProblem(undefined)
            }}
          />
          <fieldset className="member-picker">
            <legend className="member-picker__legend">
              {t('collection.members', { picked: picked.length, all: others.length })}
            </legend>
            <ul className="member-picker__list">
              {others.map((member) => {
                const place = picked.findIndex((p) => p.id === member.id)
                return (
                  <li key={member.id}>
                    <label className="member-picker__row" data-testid="collection-member">
                      <input type="checkbox" checked={place >= 0} onChange={() => toggle(member.id)} />
                      <Avatar name={member.displayName} url={member.avatarUrl} size={32} />
                      <span className="member-picker__name">{member.displayName}</span>
                      <span className="member-picker__share" data-testid="collection-share">
                        {place >= 0 && shares[place] !== undefined ? format.money(shares[place]) : ''}
                      </span>
                    </label>
                  </li>
                )
              })}
            </ul>
          </fieldset>
          {mode === 'total' && shares.length > 0 && shares[0] !== shares.at(-1) && (
            <p className="money-form__hint">{t('collection.remainderHint')}</p>
          )}
          <p className="money-form__problem" role="alert">
            {problem}
          </p>
          <p className="money-form__total" data-testid="collection-total">
            {format.money(total)}
          </p>
          <WalletErrorAlert error={create.error} />
          <Button type="submit" className="button--transfer" block pending={create.isPending}>
            {t('collection.submit')}
          </Button>
          <p className="money-form__hint money-form__hint--center">{t('collection.noPinHint')}</p>
        </form>
      </WalletGate>
    </Sheet>
  )
}
