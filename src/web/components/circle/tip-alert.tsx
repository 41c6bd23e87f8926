import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isApiError } from '../../api/api-error.js'
import { AlertIcon, CloseIcon } from '../icons.js'

/**
 * Why a tip did not go through, in the server's words (tips off, the daily cap, no money, no real name, my own
 * post), with the way to fix it where there is one.
 */
export function TipAlert({ error, onDismiss }: { error: unknown; onDismiss: () => void }) {
  const { t } = useTranslation()
  if (!(error instanceof Error)) return null
  const fix = isApiError(error, 'INSUFFICIENT_FUNDS')
    ? { to: '/wallet/top-up', label: t('circle.topUp') }
    : isApiError(error, 'REAL_NAME_REQUIRED')
      ? { to: '/me/real-name', label: t('circle.verify') }
      : undefined
  return (
    <div className="post__alert" role="alert" data-testid="tip-error">
      <AlertIcon size={18} />
      <p className="post__alert-text">
        {error.message}
        {fix && (
          <>
            {' '}
            <Link to={fix.to}>{fix.label}</Link>
          </>
        )}
      </p>
      <button type="button" className="post__alert-close" aria-label={t('circle.close')} onClick={onDismiss}>
        <CloseIcon size={16} />
      </button>
    </div>
  )
}
