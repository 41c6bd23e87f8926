import { useLocation } from 'react-router'

/** Where a page's back arrow goes: the page that linked here said so in `state.back`, else `fallback`. */
export function useBackPath(fallback: string): string {
  const state: unknown = useLocation().state
  const back = typeof state === 'object' && state !== null && 'back' in state ? state.back : undefined
  return typeof back === 'string' && back.startsWith('/') ? back : fallback
}
