import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CloseIcon } from '../icons.js'
import { Sheet } from '../sheet.js'
import { ToggleRow } from '../toggle-row.js'
import { Segmented } from '../segmented.js'
import { AREAS, OPACITIES, type useViewerSettings } from './viewer-settings.js'

type Controls = ReturnType<typeof useViewerSettings>

/** 弹幕设置: this viewer's own view of the danmaku — on or off, how see-through, how much of the video, which words. */
export function SettingsSheet({ open, onClose, controls }: { open: boolean; onClose: () => void; controls: Controls }) {
  const { t } = useTranslation()
  const { settings } = controls
  const [word, setWord] = useState('')

  const block = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = word.trim()
    if (trimmed && !settings.blockedWords.includes(trimmed))
      controls.setBlockedWords([...settings.blockedWords, trimmed])
    setWord('')
  }

  return (
    <Sheet open={open} onClose={onClose} title={t('live.settings')}>
      <div className="live-settings">
        <ToggleRow label={t('live.danmakuOn')} checked={settings.enabled} onChange={controls.setEnabled} />
        <p className="live-settings__label">{t('live.opacity')}</p>
        <Segmented
          label={t('live.opacity')}
          options={OPACITIES}
          value={String(settings.opacity) as (typeof OPACITIES)[number]}
          onChange={controls.setOpacity}
          text={(value) => `${value}%`}
        />
        <p className="live-settings__label">{t('live.area')}</p>
        <Segmented
          label={t('live.area')}
          options={AREAS}
          value={settings.area}
          onChange={controls.setArea}
          text={(area) => t(`live.areas.${area}`)}
        />
        <p className="live-settings__label">{t('live.blocked')}</p>
        <form className="live-settings__add" onSubmit={block}>
          <input
            className="field__input"
            value={word}
            maxLength={40}
            placeholder={t('live.blockedPlaceholder')}
            aria-label={t('live.blockedPlaceholder')}
            onChange={(event) => setWord(event.target.value)}
          />
          <button type="submit" className="button button--secondary" disabled={!word.trim()}>
            <span>{t('live.block')}</span>
          </button>
        </form>
        {settings.blockedWords.length === 0 ? (
          <p className="live-settings__hint">{t('live.blockedNone')}</p>
        ) : (
          <ul className="live-chips">
            {settings.blockedWords.map((blocked) => (
              <li key={blocked} className="live-chip">
                {blocked}
                <button
                  type="button"
                  className="live-chip__remove"
                  aria-label={t('live.unblock', { word: blocked })}
                  onClick={() => controls.setBlockedWords(settings.blockedWords.filter((w) => w !== blocked))}
                >
                  <CloseIcon size={14} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Sheet>
  )
}
