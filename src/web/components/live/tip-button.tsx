import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLiveTip } from '../../api/live.js'
import { useFormat } from '../../lib/use-format.js'
import { TipAlert } from '../circle/tip-alert.js'
import { TipBurst } from '../circle/tip-burst.js'
import { CoinIcon } from '../icons.js'

/** 打赏 the host: one tap, a coin rising with the amount (as on a post), and the room sees a gold danmaku. */
export function TipButton({ eventId }: { eventId: string }) {
  const { t } = useTranslation()
  const format = useFormat()
  const tip = useLiveTip(eventId)
  const [bursts, setBursts] = useState<{ key: number; amount: number }[]>([])

  const send = () =>
    tip.mutate(null, {
      onSuccess: (result) => setBursts((shown) => [...shown, { key: Date.now(), amount: result.amount }]),
    })

  return (
    <div className="live-tip">
      <button type="button" className="live-tip__button" onClick={send} disabled={tip.isPending}>
        <CoinIcon size={18} />
        {t('live.tip')}
      </button>
      {bursts.map((burst) => (
        <TipBurst
          key={burst.key}
          amount={format.money(burst.amount)}
          onDone={() => setBursts((shown) => shown.filter((b) => b.key !== burst.key))}
        />
      ))}
      {tip.isError && <TipAlert error={tip.error} onDismiss={() => tip.reset()} />}
    </div>
  )
}
