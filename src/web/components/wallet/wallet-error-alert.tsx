import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isApiError } from '../../api/api-error.js'
import { FormAlert } from '../form-alert.js'

/** The server's localised message; for a missing real name or PIN, with the way to fix it. */
export function WalletErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const message = error instanceof Error ? error.message : undefined
  const fix = isApiError(error, 'REAL_NAME_REQUIRED')
    ? { to: '/me/real-name', label: t('wallet.realNameAction') }
    : isApiError(error, 'PIN_NOT_SET')
      ? { to: '/me/pin', label: t('wallet.pinAction') }
      : undefined
  return (
    <>
      <FormAlert message={message} />
      {fix && (
        <Link className="button button--secondary button--block" to={fix.to}>
          <span>{fix.label}</span>
        </Link>
      )}
    </>
  )
}
