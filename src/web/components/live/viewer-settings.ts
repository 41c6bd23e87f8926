import { useState } from 'react'
import { useStoredSetting } from '../../lib/stored-setting.js'

export const AREAS = ['quarter', 'half', 'full'] as const
export type Area = (typeof AREAS)[number]
export const AREA_FRACTION: Record<Area, number> = { quarter: 0.25, half: 0.5, full: 1 }
export const OPACITIES = ['25', '50', '75', '100'] as const

export interface ViewerSettings {
  enabled: boolean
  /** Percent. */
  opacity: number
  area: Area
  blockedWords: string[]
}

const BLOCKED_MAX = 50
const BLOCKED_KEY = 'lifecircle.live.blocked'

/** How this viewer likes their danmaku, remembered on this device for every event. */
export function useViewerSettings() {
  const [enabled, setEnabled] = useStoredSetting('lifecircle.live.danmaku', ['on', 'off'] as const, 'on')
  const [opacity, setOpacity] = useStoredSetting('lifecircle.live.opacity', OPACITIES, '100')
  const [area, setArea] = useStoredSetting('lifecircle.live.area', AREAS, 'half')
  const [blockedWords, setBlocked] = useState(readWords)
  const settings: ViewerSettings = {
    enabled: enabled === 'on',
    opacity: Number(opacity),
    area,
    blockedWords,
  }
  return {
    settings,
    setEnabled: (on: boolean) => setEnabled(on ? 'on' : 'off'),
    setOpacity: (value: (typeof OPACITIES)[number]) => setOpacity(value),
    setArea,
    setBlockedWords: (words: string[]) => {
      const kept = words.slice(0, BLOCKED_MAX)
      setBlocked(kept)
      try {
        localStorage.setItem(BLOCKED_KEY, JSON.stringify(kept))
      } catch {
        // Storage disabled: the words hold for this visit only.
      }
    },
  }
}

// Free text does not fit useStoredSetting's list of allowed values: the words are one JSON array, checked on read.
function readWords(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(BLOCKED_KEY) ?? '[]')
    return Array.isArray(value) ? value.filter((word): word is string => typeof word === 'string' && word !== '') : []
  } catch {
    return []
  }
}
