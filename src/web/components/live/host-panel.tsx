import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { EventView } from '../../../shared/api/live.js'
import { useAddKeywords, useHostAction, useKeywords } from '../../api/live.js'
import { Button } from '../button.js'

/** What only the host sees: go live, end the event, and words this room refuses. */
export function HostPanel({ event }: { event: EventView }) {
  const { t } = useTranslation()
  const action = useHostAction(event.id)
  const keywords = useKeywords(event.id, event.status !== 'ended')
  const add = useAddKeywords(event.id)
  const [word, setWord] = useState('')

  const submit = (form: FormEvent) => {
    form.preventDefault()
    const words = word
      .split(/[,，\s]+/)
      .map((w) => w.trim())
      .filter(Boolean)
    if (words.length > 0) add.mutate([...new Set(words)], { onSuccess: () => setWord('') })
  }

  return (
    <section className="card host-panel" aria-label={t('live.hostControls')}>
      <div className="host-panel__row">
        <span className="host-panel__title">{t('live.hostControls')}</span>
        {event.status === 'upcoming' && (
          <Button pending={action.isPending} onClick={() => action.mutate({ action: 'start' })}>
            {t('live.start')}
          </Button>
        )}
        {event.status === 'live' && (
          <Button variant="danger" pending={action.isPending} onClick={() => action.mutate({ action: 'end' })}>
            {t('live.end')}
          </Button>
        )}
      </div>
      {action.isError && <p className="field__error">{action.error.message}</p>}
      {event.status !== 'ended' && (
        <>
          <form className="live-settings__add" onSubmit={submit}>
            <input
              className="field__input"
              value={word}
              placeholder={t('live.keywordsPlaceholder')}
              aria-label={t('live.keywords')}
              onChange={(change) => setWord(change.target.value)}
            />
            <Button type="submit" variant="secondary" pending={add.isPending} disabled={!word.trim()}>
              {t('live.addKeywords')}
            </Button>
          </form>
          {add.isError && <p className="field__error">{add.error.message}</p>}
          {(keywords.data?.keywords.length ?? 0) > 0 && (
            <ul className="live-chips" aria-label={t('live.keywords')}>
              {keywords.data?.keywords.map((keyword) => (
                <li key={keyword} className="live-chip">
                  {keyword}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
