import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditListing } from '../../api/commerce.js'
import type { Listing, ListingPatch } from '../../api/commerce-types.js'
import { fenToYuanText, parseYuanToFen } from '../../lib/money.js'
import { PRODUCT_PRICE_MAX, PRODUCT_STOCK_MAX } from '../../lib/product.js'
import { useFormat } from '../../lib/use-format.js'
import { Button } from '../button.js'
import { FormAlert } from '../form-alert.js'
import { Sheet } from '../sheet.js'
import { TextField } from '../text-field.js'
import { ToggleRow } from '../toggle-row.js'

interface ListingSheetProps {
  open: boolean
  postId: string
  product: Listing
  onClose: () => void
}

/** 编辑商品: the seller changes price and stock, or takes the listing off sale; orders already placed keep theirs. */
export function ListingSheet({ open, postId, product, onClose }: ListingSheetProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const edit = useEditListing()
  const [price, setPrice] = useState(() => fenToYuanText(product.price))
  const [stock, setStock] = useState(() => String(product.stock))
  const [delisted, setDelisted] = useState(Boolean(product.delisted))
  const [errors, setErrors] = useState<{ price?: string; stock?: string }>({})

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const fen = parseYuanToFen(price)
    const units = /^\d{1,6}$/.test(stock.trim()) ? Number(stock.trim()) : NaN
    const problems: { price?: string; stock?: string } = {}
    if (fen === undefined || fen <= 0) problems.price = t('compose.priceInvalid')
    else if (fen > PRODUCT_PRICE_MAX)
      problems.price = t('compose.priceTooHigh', { max: format.money(PRODUCT_PRICE_MAX) })
    if (!(units >= 0 && units <= PRODUCT_STOCK_MAX)) problems.stock = t('compose.stockInvalid')
    setErrors(problems)
    if (problems.price || problems.stock || fen === undefined) return
    const patch: ListingPatch = {}
    if (fen !== product.price) patch.price = fen
    if (units !== product.stock) patch.stock = units
    if (delisted !== Boolean(product.delisted)) patch.delisted = delisted
    if (Object.keys(patch).length === 0) return onClose()
    edit.mutate({ postId, ...patch }, { onSuccess: onClose })
  }

  return (
    <Sheet open={open} onClose={onClose} title={t('listing.title')}>
      <form className="sheet-form" onSubmit={submit} noValidate>
        <p className="sheet-form__subject">{product.title}</p>
        <div className="product-fields__row">
          <TextField
            label={t('listing.price')}
            inputMode="decimal"
            maxLength={12}
            value={price}
            onChange={setPrice}
            error={errors.price}
          />
          <TextField
            label={t('listing.stock')}
            inputMode="numeric"
            maxLength={6}
            value={stock}
            onChange={setStock}
            error={errors.stock}
          />
        </div>
        <ToggleRow
          label={t('listing.delist')}
          hint={t('listing.delistHint')}
          checked={delisted}
          onChange={setDelisted}
        />
        <FormAlert message={edit.error?.message} />
        <Button type="submit" block pending={edit.isPending}>
          {t('listing.save')}
        </Button>
      </form>
    </Sheet>
  )
}
