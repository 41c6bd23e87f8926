import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/api-error.js'
import { useSmsOutbox } from '../api/accounts.js'
import { FormAlert } from '../components/form-alert.js'
import { ShieldIcon } from '../components/icons.js'
import { PageHeader } from '../components/page-header.js'
import { Spinner } from '../components/spinner.js'
import { useFormat } from '../lib/use-format.js'

/** For operators: what the sandbox SMS provider would have sent, codes included. */
export function SmsOutboxPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const outbox = useSmsOutbox()

  return (
    <div className="page">
      <PageHeader title={t('outbox.title')} backTo="/me" />
      <section className="card notice notice--sandbox">
        <h2 className="notice__title">
          <ShieldIcon size={20} />
          {t('outbox.sandboxTitle')}
        </h2>
        <p>{t('outbox.sandboxNotice')}</p>
      </section>
      {outbox.isPending && <Spinner label={t('common.loading')} />}
      {outbox.error && (
        <FormAlert message={isApiError(outbox.error, 'FORBIDDEN') ? t('outbox.forbidden') : outbox.error.message} />
      )}
      {outbox.data && outbox.data.items.length === 0 && <p className="card">{t('outbox.empty')}</p>}
      {outbox.data && outbox.data.items.length > 0 && (
        <ul className="card list" data-testid="sms-outbox">
          {outbox.data.items.map((message) => (
            <li key={message.id} className="list-row">
              <div>
                <strong>{message.phone}</strong> · {t(`outbox.purposes.${message.purpose}`)} ·{' '}
                <time dateTime={message.sentAt}>{format.time(message.sentAt)}</time>
              </div>
              <div>{message.text}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
