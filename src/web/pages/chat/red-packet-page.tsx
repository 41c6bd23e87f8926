import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import type { RedPacketView } from '../../../shared/api/redpackets.js'
import { useMe } from '../../api/accounts.js'
import { useRedPacket } from '../../api/red-packets.js'
import { Avatar } from '../../components/avatar.js'
import { Button } from '../../components/button.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { useChatTime } from '../../lib/use-chat-time.js'
import { useFormat } from '../../lib/use-format.js'
import '../../components/chat/red-packet.css'

/** 红包详情: the sender, the greeting, my share, and everyone's — 手气最佳 crowned once all are taken. */
export function RedPacketPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const packet = useRedPacket(id)
  const me = useMe().data
  const data = packet.data
  const back = data ? `/chat/${encodeURIComponent(data.conversationId)}` : '/chat'

  return (
    <div className="page red-packet-page">
      <PageHeader title={t('redPacket.detailsTitle')} backTo={back} />
      {data && me ? (
        <Details packet={data} meId={me.id} />
      ) : packet.isError ? (
        <div className="list-end">
          <p>{packet.error.message}</p>
          <Button variant="secondary" onClick={() => void packet.refetch()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      )}
    </div>
  )
}

function Details({ packet, meId }: { packet: RedPacketView; meId: string }) {
  const { t } = useTranslation()
  const format = useFormat()
  const time = useChatTime()
  const claimed = packet.count - packet.remaining
  return (
    <>
      <section className="red-packet-hero">
        <p className="red-packet-hero__sender">
          <Avatar name={packet.sender.displayName} url={packet.sender.avatarUrl} size={28} />
          <span>{t('redPacket.from', { name: packet.sender.displayName })}</span>
          {packet.type === 'lucky' && packet.count > 1 && (
            <span className="lucky-badge" title={t('redPacket.lucky')}>
              {t('redPacket.luckyBadge')}
            </span>
          )}
        </p>
        <p className="red-packet-hero__greeting">{packet.greeting || t('redPacket.defaultGreeting')}</p>
        {packet.myAmount !== null && (
          <>
            <p className="red-packet-hero__amount" data-testid="red-packet-my-amount">
              {format.money(packet.myAmount)}
            </p>
            <p className="red-packet-hero__saved">{t('redPacket.saved')}</p>
          </>
        )}
      </section>
      <section className="card red-packet-claims">
        <p className="red-packet-claims__summary" data-testid="red-packet-summary">
          {summary(packet, meId, claimed, t, format.money)}
        </p>
        <ul className="red-packet-claims__list">
          {packet.claims.map((claim) => (
            <li key={claim.user.id} className="red-packet-claim" data-testid="red-packet-claim">
              <Avatar name={claim.user.displayName} url={claim.user.avatarUrl} size={40} />
              <span className="red-packet-claim__who">
                <span className="red-packet-claim__name">{claim.user.displayName}</span>
                <time className="red-packet-claim__time" dateTime={claim.at}>
                  {time.list(claim.at)}
                </time>
              </span>
              <span className="red-packet-claim__money">
                <span className="red-packet-claim__amount" data-testid="claim-amount">
                  {format.money(claim.amount)}
                </span>
                {claim.bestLuck && (
                  <span className="best-luck" data-testid="best-luck">
                    <CrownIcon />
                    {t('redPacket.bestLuck')}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {packet.status === 'active' && <p className="red-packet-page__hint">{t('redPacket.refundHint')}</p>}
    </>
  )
}

/** 已领取 2/3 个: the sender also sees how much is left; once done, how it ended. */
function summary(
  packet: RedPacketView,
  meId: string,
  claimed: number,
  t: TFunction,
  money: (fen: number) => string,
): string {
  const total = money(packet.total)
  if (packet.status === 'finished') return t('redPacket.summaryFinished', { count: packet.count, total })
  if (packet.status === 'expired') return t('redPacket.summaryExpired', { claimed, count: packet.count })
  if (packet.sender.id === meId && packet.remainingAmount !== undefined) {
    const taken = money(packet.total - packet.remainingAmount)
    return t('redPacket.summarySender', { claimed, count: packet.count, taken, total })
  }
  return t('redPacket.summary', { claimed, count: packet.count })
}

function CrownIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 8l4.5 4L12 5l4.5 7L21 8l-2 11H5Z" fill="currentColor" />
    </svg>
  )
}
