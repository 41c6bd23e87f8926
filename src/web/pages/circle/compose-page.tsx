import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { POST_MEDIA_MAX, POST_TEXT_MAX, type CreatePostBody, type Visibility } from '../../../shared/api/feed.js'
import { useCreatePost } from '../../api/feed.js'
import { Button } from '../../components/button.js'
import { AUDIENCE_TEXT, AudienceSheet } from '../../components/circle/audience-sheet.js'
import { ImagePicker } from '../../components/circle/image-picker.js'
import { ProductFields, type ProductDraft, type ProductErrors } from '../../components/circle/product-fields.js'
import { FormAlert } from '../../components/form-alert.js'
import { ConfirmSheet } from '../../components/confirm-sheet.js'
import { ChevronRightIcon, UsersIcon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { ToggleRow } from '../../components/toggle-row.js'
import { checkProduct, PRODUCT_PRICE_MAX } from '../../lib/product.js'
import { useFormat } from '../../lib/use-format.js'
import { useImageUploads } from '../../lib/use-image-uploads.js'
import { useLeaveGuard } from '../../lib/use-leave-guard.js'

const EMPTY_PRODUCT: ProductDraft = { title: '', price: '', stock: '1', description: '' }

/**
 * 发表动态: text, up to nine images, who can see it, tips on or off, and optionally a product listing. Leaving
 * with unsaved words or images asks first (放弃编辑?).
 */
export function ComposePage() {
  const { t } = useTranslation()
  const format = useFormat()
  const navigate = useNavigate()
  const create = useCreatePost()
  const uploads = useImageUploads(POST_MEDIA_MAX)
  const [text, setText] = useState('')
  const [visibility, setVisibility] = useState<Visibility>({ type: 'friends' })
  const [choosingAudience, setChoosingAudience] = useState(false)
  const [tipsEnabled, setTipsEnabled] = useState(true)
  const [selling, setSelling] = useState(false)
  const [product, setProduct] = useState<ProductDraft>(EMPTY_PRODUCT)
  const [productErrors, setProductErrors] = useState<ProductErrors>({})
  const [problem, setProblem] = useState<string | undefined>()
  const productTyped = selling && (product.title.trim() !== '' || product.description.trim() !== '')
  const leave = useLeaveGuard(text.trim() !== '' || uploads.images.length > 0 || productTyped)

  const addImages = (files: File[]) => {
    const left = uploads.add(files)
    setProblem(left > 0 ? t('compose.tooManyImages', { max: POST_MEDIA_MAX }) : undefined)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setProblem(undefined)
    const trimmed = text.trim()
    if (uploads.uploading || uploads.failed) return setProblem(t('compose.uploadsPending'))
    if (!trimmed && uploads.images.length === 0 && !selling) return setProblem(t('compose.empty'))
    const body: CreatePostBody = { visibility, tipsEnabled, ...(trimmed ? { text: trimmed } : {}) }
    if (uploads.mediaIds.length > 0) body.mediaIds = uploads.mediaIds
    if (selling) {
      const checked = checkProduct(product)
      if ('problems' in checked) {
        const errors: ProductErrors = {}
        for (const { field, problem: kind } of checked.problems) {
          errors[field] =
            field === 'title'
              ? t('compose.titleRequired')
              : field === 'stock'
                ? t('compose.stockInvalid')
                : kind === 'tooHigh'
                  ? t('compose.priceTooHigh', { max: format.money(PRODUCT_PRICE_MAX) })
                  : t('compose.priceInvalid')
        }
        return setProductErrors(errors)
      }
      body.kind = 'product'
      body.product = checked.product
    }
    create.mutate(body, {
      onSuccess: () => {
        leave.release()
        void navigate('/circle')
      },
    })
  }

  const audienceLabel = t(AUDIENCE_TEXT[visibility.type].label)
  const picked = visibility.userIds?.length ?? 0

  return (
    <div className="page">
      <PageHeader title={t('compose.title')} backTo="/circle" />
      <form className="compose" onSubmit={submit} noValidate>
        <section className="card compose__main">
          <textarea
            className="compose__text"
            aria-label={t('compose.text')}
            placeholder={t('compose.textPlaceholder')}
            maxLength={POST_TEXT_MAX}
            rows={5}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <p className="counter compose__counter">{t('common.counter', { count: text.length, max: POST_TEXT_MAX })}</p>
          <ImagePicker
            images={uploads.images}
            max={POST_MEDIA_MAX}
            onAdd={addImages}
            onRemove={uploads.remove}
            onRetry={uploads.retry}
          />
        </section>
        <section className="card list">
          <button type="button" className="list-row list-row--button" onClick={() => setChoosingAudience(true)}>
            <span className="list-row__icon">
              <UsersIcon size={18} />
            </span>
            <span className="list-row__label">{t('compose.audience')}</span>
            <span className="list-row__value" data-testid="audience-value">
              {picked > 0 ? `${audienceLabel} · ${t('compose.picked', { count: picked })}` : audienceLabel}
            </span>
            <ChevronRightIcon size={18} className="list-row__chevron" />
          </button>
          <ToggleRow
            label={t('compose.tips')}
            hint={t('compose.tipsHint')}
            checked={tipsEnabled}
            onChange={setTipsEnabled}
          />
          <ToggleRow
            label={t('compose.product')}
            hint={t('compose.productHint')}
            checked={selling}
            onChange={setSelling}
          />
          {selling && (
            <div className="list__body">
              <ProductFields
                draft={product}
                errors={productErrors}
                onChange={(next) => {
                  setProduct(next)
                  setProductErrors({})
                }}
              />
            </div>
          )}
        </section>
        <FormAlert message={problem ?? create.error?.message} />
        <Button type="submit" block pending={create.isPending}>
          {t('compose.submit')}
        </Button>
      </form>
      <AudienceSheet
        key={String(choosingAudience)}
        open={choosingAudience}
        value={visibility}
        onChange={setVisibility}
        onClose={() => setChoosingAudience(false)}
      />
      <ConfirmSheet
        open={leave.blocker.state === 'blocked'}
        title={t('compose.discardTitle')}
        body={t('compose.discardBody')}
        confirmLabel={t('compose.discard')}
        onClose={() => leave.blocker.reset?.()}
        onConfirm={() => leave.blocker.proceed?.()}
      />
    </div>
  )
}
