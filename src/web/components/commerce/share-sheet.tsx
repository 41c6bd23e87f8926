import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { POST_TEXT_MAX } from '../../../shared/api/feed.js'
import { useSharePurchase } from '../../api/commerce.js'
import type { OrderView } from '../../api/commerce-types.js'
import { useFormat } from '../../lib/use-format.js'
import { Button } from '../button.js'
import { FormAlert } from '../form-alert.js'
import { Sheet } from '../sheet.js'
import { ToggleRow } from '../toggle-row.js'
import { ItemSummary } from './item-summary.js'

/** 晒单: a few words and whether friends may see the price; it goes to all friends, like any post. */
export function ShareSheet({
  open,
  order,
  onShared,
  onClose,
}: {
  open: boolean
  order: OrderView
  onShared: () => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const share = useSharePurchase()
  const [text, setText] = useState('')
  const [showPrice, setShowPrice] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = text.trim()
    share.mutate(
      { orderId: order.id, showPrice, visibility: { type: 'friends' }, ...(trimmed ? { text: trimmed } : {}) },
      { onSuccess: onShared },
    )
  }

  return (
    <Sheet open={open} onClose={onClose} title={t('order.shareTitle')}>
      <form className="sheet-form" onSubmit={submit} noValidate>
        <textarea
          className="field__input field__input--multiline"
          aria-label={t('order.shareText')}
          placeholder={t('order.sharePlaceholder')}
          maxLength={POST_TEXT_MAX}
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="share-preview">
          <ItemSummary title={order.title} image={order.image} price={showPrice ? format.money(order.unitPrice) : ''} />
        </div>
        <ToggleRow
          label={t('order.showPrice')}
          hint={t('order.showPriceHint')}
          checked={showPrice}
          onChange={setShowPrice}
        />
        <FormAlert message={share.error?.message} />
        <Button type="submit" block pending={share.isPending}>
          {t('order.shareSubmit')}
        </Button>
      </form>
    </Sheet>
  )
}
