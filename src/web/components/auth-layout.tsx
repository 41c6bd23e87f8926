import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { BrandMark } from './brand-mark.js'
import { LanguageSelect } from './language-switch.js'

/** The frame of the login and register pages: brand on top, the form in a card. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="auth">
      <div className="auth__top">
        <LanguageSelect />
      </div>
      <header className="auth__brand">
        <BrandMark size={64} />
        <p className="auth__app-name">{t('app.name')}</p>
        <p className="auth__tagline">{t('app.tagline')}</p>
      </header>
      <main className="card auth__card">
        <h1 className="auth__title">{title}</h1>
        <p className="auth__subtitle">{subtitle}</p>
        {children}
      </main>
    </div>
  )
}
