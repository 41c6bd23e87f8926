import type { SVGProps } from 'react'
import { Svg } from '../icons.js'

type IconProps = SVGProps<SVGSVGElement> & { size?: number }

/**
 * A red envelope with its gold clasp, for the ➕ panel. `inverse` draws it gold on red, for the card, which is red
 * itself.
 */
export function RedEnvelopeIcon({ size = 24, inverse = false, ...rest }: IconProps & { inverse?: boolean }) {
  const [body, flap, clasp] = inverse ? ['#fde6c4', '#f6cf94', '#f25542'] : ['#f25542', '#e0402f', '#f9d58e']
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" {...rest}>
      <rect x="4" y="2.5" width="16" height="19" rx="2.5" fill={body} />
      <path d="M4 8.2c2.4 2 5 3 8 3s5.6-1 8-3V5a2.5 2.5 0 0 0-2.5-2.5h-11A2.5 2.5 0 0 0 4 5Z" fill={flap} />
      <circle cx="12" cy="11" r="2.6" fill={clasp} />
    </svg>
  )
}

/** Two arrows passing each other: money going across, as on the transfer card. */
export function TransferArrowsIcon({ size = 24, ...rest }: IconProps) {
  return (
    <Svg size={size} {...rest}>
      <circle cx="12" cy="12" r="9.5" />
      <path d="M7.5 10h9l-3-3M16.5 14h-9l3 3" />
    </Svg>
  )
}

/** A tick in a circle: the transfer has been received. */
export function ReceivedIcon({ size = 24, ...rest }: IconProps) {
  return (
    <Svg size={size} {...rest}>
      <circle cx="12" cy="12" r="9.5" />
      <path d="m7.5 12.2 3 3 6-6.2" />
    </Svg>
  )
}

/** A list with a ¥: asking several people for money, the 群收款 tile and card. */
export function CollectIcon({ size = 24, ...rest }: IconProps) {
  return (
    <Svg size={size} {...rest}>
      <rect x="4" y="3" width="16" height="18" rx="2.5" />
      <path d="m9 8 3 3.5L15 8M12 11.5V17M9.5 13h5M9.5 15.5h5" />
    </Svg>
  )
}

/** A signed note: the 借条 tile and card. */
export function IouNoteIcon({ size = 24, ...rest }: IconProps) {
  return (
    <Svg size={size} {...rest}>
      <path d="M6 3h9l4 4v14H6Z" />
      <path d="M14.5 3v4.5H19M9 11h7M9 14.5h7M9 18h3.5" />
    </Svg>
  )
}
