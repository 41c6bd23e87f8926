import { initialOf } from '../lib/format.js'

/** The person's picture when they have one; otherwise the first letter of their name on a tinted disc. */
export function Avatar({ name, url, size = 64 }: { name: string; url?: string | null; size?: number }) {
  if (url) {
    return <img className="avatar avatar--image" src={url} width={size} height={size} alt="" />
  }
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: size * 0.42 }} aria-hidden="true">
      {initialOf(name)}
    </span>
  )
}
