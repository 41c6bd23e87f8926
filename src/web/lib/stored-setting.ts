import { useCallback, useSyncExternalStore } from 'react'

const CHANGED = 'lifecircle:setting-changed'

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange)
  window.addEventListener(CHANGED, onChange)
  return () => {
    window.removeEventListener('storage', onChange)
    window.removeEventListener(CHANGED, onChange)
  }
}

/**
 * A choice remembered on this device (localStorage), shared live by every component that reads it. A stored value
 * outside `allowed` reads as `fallback`.
 */
export function useStoredSetting<T extends string>(
  key: string,
  allowed: readonly T[],
  fallback: T,
): [T, (value: T) => void] {
  const stored = useSyncExternalStore(subscribe, () => read(key))
  const value = allowed.find((option) => option === stored) ?? fallback
  const set = useCallback(
    (next: T) => {
      try {
        localStorage.setItem(key, next)
      } catch {
        // Private mode or storage disabled: the choice is not remembered, and the control shows the fallback.
      }
      window.dispatchEvent(new Event(CHANGED))
    },
    [key],
  )
  return [value, set]
}
