import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { BackIcon } from './icons.js'

/** The title bar of a page; with `backTo`, a back arrow on the left. */
export function PageHeader({ title, backTo, action }: { title: string; backTo?: string; action?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <header className="page-header">
      <div className="page-header__side">
        {backTo && (
          <Link className="icon-button" to={backTo} aria-label={t('common.back')}>
            <BackIcon />
          </Link>
        )}
      </div>
      <h1 className="page-header__title">{title}</h1>
      <div className="page-header__side page-header__side--end">{action}</div>
    </header>
  )
}
