import { CoinIcon } from '../icons.js'

/** "+¥0.37" rising from the post with a coin, once per tip; it removes itself when the animation ends. */
export function TipBurst({ amount, onDone }: { amount: string; onDone: () => void }) {
  return (
    <span className="tip-burst" data-testid="tip-burst" aria-hidden="true" onAnimationEnd={onDone}>
      <span className="tip-burst__coin">
        <CoinIcon size={22} />
      </span>
      +{amount}
    </span>
  )
}
