import { useTranslation } from 'react-i18next'
import { TextField } from '../text-field.js'

export interface ProductDraft {
  title: string
  price: string
  stock: string
  description: string
}

export type ProductErrors = Partial<Record<'title' | 'price' | 'stock', string>>

interface ProductFieldsProps {
  draft: ProductDraft
  errors: ProductErrors
  onChange: (draft: ProductDraft) => void
}

/** Title, price in yuan, stock and an optional description of a product post. */
export function ProductFields({ draft, errors, onChange }: ProductFieldsProps) {
  const { t } = useTranslation()
  const set = (field: keyof ProductDraft) => (value: string) => onChange({ ...draft, [field]: value })
  return (
    <div className="product-fields">
      <TextField
        label={t('compose.productTitle')}
        placeholder={t('compose.productTitlePlaceholder')}
        maxLength={60}
        value={draft.title}
        onChange={set('title')}
        error={errors.title}
      />
      <div className="product-fields__row">
        <TextField
          label={t('compose.price')}
          inputMode="decimal"
          placeholder="0.00"
          maxLength={12}
          value={draft.price}
          onChange={set('price')}
          error={errors.price}
        />
        <TextField
          label={t('compose.stock')}
          inputMode="numeric"
          maxLength={6}
          value={draft.stock}
          onChange={set('stock')}
          error={errors.stock}
        />
      </div>
      <TextField
        label={t('compose.description')}
        maxLength={1000}
        value={draft.description}
        onChange={set('description')}
      />
    </div>
  )
}
