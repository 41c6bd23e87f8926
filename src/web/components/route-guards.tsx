import { Navigate, Outlet, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useMe } from '../api/accounts.js'
import { Button } from './button.js'
import { Spinner } from './spinner.js'

/** Lets signed-in users through; everyone else goes to the login page, which brings them back afterwards. */
export function RequireAuth() {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) return <FullPageSpinner />
  if (me.isError) return <LoadError onRetry={() => void me.refetch()} />
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />
  return <Outlet />
}

/** The login and register pages: a signed-in user has no business there. */
export function PublicOnly() {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) return <FullPageSpinner />
  if (me.data) return <Navigate to={returnPath(location.state)} replace />
  return <Outlet />
}

export function FullPageSpinner() {
  const { t } = useTranslation()
  return (
    <div className="full-page-center">
      <Spinner label={t('common.loading')} />
    </div>
  )
}

function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="full-page-center">
      <p className="muted">{t('common.loadFailed')}</p>
      <Button variant="secondary" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </div>
  )
}

function returnPath(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? state.from : undefined
  return typeof from === 'string' && from.startsWith('/') && from !== '/login' ? from : '/wallet'
}
