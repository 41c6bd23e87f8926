import { initialOf } from '../lib/format.js'

export function Avatar({ name, size = 64 }: { name: string; size?: number }) {
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: size * 0.42 }} aria-hidden="true">
      {initialOf(name)}
    </span>
  )
}
