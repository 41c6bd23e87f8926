import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CardView, MessageView } from '../../../shared/api/chat.js'
import { isApiError } from '../../api/api-error.js'
import { useClaimRedPacket, useRedPacket } from '../../api/red-packets.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { ChevronRightIcon, CloseIcon } from '../icons.js'
import { Spinner } from '../spinner.js'
import { WalletErrorAlert } from '../wallet/wallet-error-alert.js'

/** The coin turns at least this long, so that a fast server still feels like opening something. */
const SPIN_MIN_MS = 900

type Phase =
  | { name: 'closed' }
  | { name: 'opening' }
  | { name: 'opened'; amount: number }
  | { name: 'gone'; reason: 'finished' | 'expired' }

interface EnvelopeProps {
  message: MessageView
  card: CardView
  meId: string
  direct: boolean
  onClose: () => void
  /** To the claims list (领取详情). */
  onDetails: (packetId: string) => void
}

const wait = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms))
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches

/**
 * The red envelope opened over the chat: who sent it and the greeting, and the gold 開 coin. Tapping the coin spins
 * it while the claim is made, then the flap lifts on the amount. A packet with nothing left for this viewer says so
 * (手慢了), and one they already opened — or sent, in a direct chat — goes straight to its details.
 */
export function RedPacketEnvelope({ message, card, meId, direct, onClose, onDetails }: EnvelopeProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const ref = useRef<HTMLDialogElement>(null)
  const packet = useRedPacket(card.id)
  const claim = useClaimRedPacket()
  const [phase, setPhase] = useState<Phase>({ name: 'closed' })
  const data = packet.data
  const mine = message.sender.id === meId
  const seen = data ? data.myAmount !== null || (mine && direct) : false
  const gone =
    phase.name === 'gone'
      ? phase
      : phase.name === 'closed' && data && data.status !== 'active'
        ? { name: 'gone' as const, reason: data.status === 'expired' ? ('expired' as const) : ('finished' as const) }
        : null

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  useEffect(() => {
    if (seen && phase.name === 'closed') onDetails(card.id)
  }, [seen, phase.name, card.id, onDetails])

  const open = async () => {
    setPhase({ name: 'opening' })
    const [result] = await Promise.allSettled([claim.mutateAsync(card.id), wait(reducedMotion() ? 0 : SPIN_MIN_MS)])
    if (result.status === 'fulfilled') return setPhase({ name: 'opened', amount: result.value.amount })
    const error: unknown = result.reason
    if (isApiError(error, 'ALREADY_CLAIMED')) return onDetails(card.id)
    if (isApiError(error, 'RED_PACKET_EMPTY')) return setPhase({ name: 'gone', reason: 'finished' })
    if (isApiError(error, 'RED_PACKET_EXPIRED')) return setPhase({ name: 'gone', reason: 'expired' })
    setPhase({ name: 'closed' })
  }

  const greeting = card.text || t('redPacket.defaultGreeting')
  const opened = phase.name === 'opened'
  return (
    <dialog
      ref={ref}
      className="envelope"
      aria-label={t('redPacket.from', { name: message.sender.displayName })}
      data-testid="red-packet-envelope"
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <div className={`envelope__paper${opened ? ' envelope__paper--opened' : ''}`}>
        <button type="button" className="envelope__close" aria-label={t('pinSheet.close')} onClick={onClose}>
          <CloseIcon size={22} />
        </button>
        <div className="envelope__flap">
          <p className="envelope__sender">
            <Avatar name={message.sender.displayName} url={message.sender.avatarUrl} size={28} />
            <span>{t('redPacket.from', { name: message.sender.displayName })}</span>
          </p>
          {opened ? (
            <>
              <p className="envelope__greeting envelope__greeting--small">{greeting}</p>
              <p className="envelope__amount" data-testid="red-packet-amount">
                {format.money(phase.amount)}
              </p>
              <p className="envelope__saved">{t('redPacket.saved')}</p>
            </>
          ) : gone ? (
            <p className="envelope__greeting" data-testid="red-packet-gone">
              {t(gone.reason === 'expired' ? 'redPacket.expiredBody' : 'redPacket.tooSlow')}
            </p>
          ) : (
            <p className="envelope__greeting">{greeting}</p>
          )}
        </div>
        {!opened && !gone && (
          <button
            type="button"
            className={`envelope__coin${phase.name === 'opening' ? ' envelope__coin--spinning' : ''}`}
            disabled={phase.name === 'opening' || !data || seen}
            aria-busy={phase.name === 'opening' || undefined}
            onClick={() => void open()}
          >
            {data ? t('redPacket.open') : <Spinner label={t('common.loading')} />}
          </button>
        )}
        <div className="envelope__error">
          {phase.name === 'closed' && claim.error ? <WalletErrorAlert error={claim.error} /> : null}
        </div>
        {(opened || gone) && (
          <button type="button" className="envelope__details" onClick={() => onDetails(card.id)}>
            {t(opened ? 'redPacket.details' : 'redPacket.seeLuck')}
            <ChevronRightIcon size={16} />
          </button>
        )}
      </div>
    </dialog>
  )
}
