import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { BackIcon } from './icons.js'

interface PageHeaderProps {
  title: ReactNode
  /** A back arrow on the left, to this path. */
  backTo?: string
  /** What sits on the left without a back arrow: the main tabs' notification bell. */
  leading?: ReactNode
  action?: ReactNode
}

/** The title bar of a page. */
export function PageHeader({ title, backTo, leading, action }: PageHeaderProps) {
  const { t } = useTranslation()
  return (
    <header className="page-header">
      <div className="page-header__side">
        {backTo ? (
          <Link className="icon-button" to={backTo} aria-label={t('common.back')}>
            <BackIcon />
          </Link>
        ) : (
          leading
        )}
      </div>
      <h1 className="page-header__title">{title}</h1>
      <div className="page-header__side page-header__side--end">{action}</div>
    </header>
  )
}
