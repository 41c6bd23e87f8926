import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { dividerTime, listTime, type DayWords } from './chat-time.js'
import { useFormat } from './use-format.js'

/** Chat times in the active language: the list's "昨天", the history's "昨天 14:03". */
export function useChatTime() {
  const { t } = useTranslation()
  const { locale } = useFormat()
  return useMemo(() => {
    const words: DayWords = {
      yesterday: t('chat.yesterday'),
      dayAndTime: (day, time) => t('chat.dayAndTime', { day, time }),
    }
    return {
      list: (iso: string) => listTime(iso, locale, words),
      divider: (iso: string) => dividerTime(iso, locale, words),
    }
  }, [t, locale])
}
