import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { ADDRESS_MAX, ORDER_QUANTITY_MAX } from '../../../shared/api/commerce.js'
import { useMe } from '../../api/accounts.js'
import { useCreateOrder } from '../../api/commerce.js'
import type { PostView } from '../../../shared/api/feed.js'
import type { Listing } from '../../api/commerce-types.js'
import { usePost } from '../../api/feed.js'
import { Button } from '../../components/button.js'
import { unitsForSale } from '../../components/circle/product-card.js'
import { ItemSummary } from '../../components/commerce/item-summary.js'
import { QuantityStepper } from '../../components/commerce/quantity-stepper.js'
import { FormAlert } from '../../components/form-alert.js'
import { PinIcon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { useFormat } from '../../lib/use-format.js'

/** 确认订单: how many, where to send it, the total; placing the order leads to its page, where it is paid. */
export function BuyPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const post = usePost(id)
  const me = useMe().data
  const product = post.data?.product

  return (
    <div className="page page--with-bar">
      <PageHeader title={t('buy.title')} backTo="/circle" />
      {post.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : post.isError ? (
        <FormAlert message={post.error.message} />
      ) : !product || unitsForSale(product) === 0 ? (
        <FormAlert message={t('buy.unavailable')} />
      ) : post.data.author.id === me?.id ? (
        <FormAlert message={t('buy.ownProduct')} />
      ) : (
        <BuyForm post={post.data} product={product} />
      )}
    </div>
  )
}

function BuyForm({ post, product }: { post: PostView; product: Listing }) {
  const { t } = useTranslation()
  const format = useFormat()
  const navigate = useNavigate()
  const create = useCreateOrder()
  const max = Math.min(unitsForSale(product), ORDER_QUANTITY_MAX)
  const [quantity, setQuantity] = useState(1)
  const [address, setAddress] = useState('')
  const [addressError, setAddressError] = useState<string | undefined>()
  const total = product.price * quantity

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const shippingAddress = address.trim()
    if (!shippingAddress) return setAddressError(t('buy.addressRequired'))
    create.mutate(
      { postId: post.id, quantity, shippingAddress },
      { onSuccess: (order) => void navigate(`/orders/${encodeURIComponent(order.id)}`, { replace: true }) },
    )
  }

  return (
    <form className="buy" onSubmit={submit} noValidate>
      <section className="card address-card">
        <label className="address-card__heading" htmlFor="buy-address">
          <PinIcon size={18} />
          {t('buy.address')}
        </label>
        <textarea
          id="buy-address"
          className={`address-card__input${addressError ? ' address-card__input--invalid' : ''}`}
          rows={3}
          maxLength={ADDRESS_MAX}
          placeholder={t('buy.addressPlaceholder')}
          autoComplete="street-address"
          value={address}
          aria-invalid={addressError ? true : undefined}
          aria-describedby="buy-address-note"
          onChange={(event) => {
            setAddress(event.target.value)
            setAddressError(undefined)
          }}
        />
        <p id="buy-address-note" className={addressError ? 'field__error' : 'field__hint'}>
          {addressError ?? t('buy.addressHint')}
        </p>
      </section>

      <section className="card">
        <ItemSummary
          title={product.title}
          image={post.media[0] ?? null}
          detail={t('buy.seller', { name: post.author.displayName })}
          price={format.money(product.price)}
        />
        <QuantityStepper value={quantity} max={max} onChange={setQuantity} />
      </section>

      <p className="buy__escrow">{t('buy.escrow')}</p>
      <FormAlert message={create.error?.message} />

      <div className="action-bar">
        <p className="action-bar__total">
          <span>{t('buy.total')}</span>
          <strong data-testid="buy-total">{format.money(total)}</strong>
        </p>
        <Button type="submit" pending={create.isPending}>
          {t('buy.submit')}
        </Button>
      </div>
    </form>
  )
}
