import { useTranslation } from 'react-i18next'
import { useFeedSettings, type ScriptChoice } from '../../lib/feed-settings.js'

/** 简体 and 繁體 are written in their own script whatever the UI language, as the language switch does. */
const SCRIPT_LANG = { original: undefined, hans: 'zh-Hans', hant: 'zh-Hant' } as const
const SCRIPT_LABELS = {
  original: 'circle.scriptOriginal',
  hans: 'circle.scriptHans',
  hant: 'circle.scriptHant',
} as const

/** Remembered on this device: fold product posts into one line; read friends' text as written, 简 or 繁. */
export function FeedOptions() {
  const { t } = useTranslation()
  const settings = useFeedSettings()
  return (
    <section className="feed-options" aria-label={t('circle.settings')}>
      <button
        type="button"
        className="toggle-chip"
        aria-pressed={settings.foldCommercial}
        onClick={() => settings.setFoldCommercial(!settings.foldCommercial)}
      >
        {t('circle.foldCommercial')}
      </button>
      <div className="mini-segmented" role="radiogroup" aria-label={t('circle.script')}>
        {(Object.keys(SCRIPT_LABELS) as ScriptChoice[]).map((choice) => (
          <button
            key={choice}
            type="button"
            role="radio"
            lang={SCRIPT_LANG[choice]}
            aria-checked={settings.script === choice}
            className="mini-segmented__option"
            onClick={() => settings.setScript(choice)}
          >
            {t(SCRIPT_LABELS[choice])}
          </button>
        ))}
      </div>
    </section>
  )
}
