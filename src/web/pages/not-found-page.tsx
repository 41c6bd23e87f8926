import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

export function NotFoundPage() {
  const { t } = useTranslation()
  return (
    <div className="full-page-center">
      <h1 className="result__title">{t('notFound.title')}</h1>
      <p className="muted">{t('notFound.body')}</p>
      <Link className="button button--secondary" to="/">
        <span>{t('notFound.home')}</span>
      </Link>
    </div>
  )
}
