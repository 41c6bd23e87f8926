import { useEffect, useRef } from 'react'
import { useBlocker, type Blocker } from 'react-router'

/**
 * Holds back leaving a page with unsaved work: in-app navigation (the back arrow, the browser's back button, a
 * tab) is blocked until the caller proceeds or resets the returned blocker, and closing or reloading the tab
 * asks the browser's own question. `release()` lets one navigation through, e.g. after the work was saved.
 */
export function useLeaveGuard(dirty: boolean): { blocker: Blocker; release: () => void } {
  // A ref, not state: the navigation right after a save must pass before React re-renders.
  const released = useRef(false)
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !released.current && currentLocation.pathname !== nextLocation.pathname,
  )

  useEffect(() => {
    if (!dirty) return
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  return { blocker, release: () => (released.current = true) }
}
