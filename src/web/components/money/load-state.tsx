import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/api-error.js'
import { Button } from '../button.js'
import { FormAlert } from '../form-alert.js'
import { Spinner } from '../spinner.js'

/** A detail page's loading spinner, or its failure: "not found" said plainly, anything else with a retry. */
export function MoneyLoadState({ error, onRetry }: { error: Error | null; onRetry: () => void }) {
  const { t } = useTranslation()
  if (!error) {
    return (
      <div className="list-end">
        <Spinner label={t('common.loading')} />
      </div>
    )
  }
  const missing = isApiError(error, 'NOT_FOUND')
  return (
    <div className="list-end">
      <FormAlert message={missing ? t('moneyPages.notFound') : error.message} />
      {!missing && (
        <Button variant="secondary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  )
}
