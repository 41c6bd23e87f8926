import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import type { CollectionView } from '../../../shared/api/collections.js'
import { isApiError } from '../../api/api-error.js'
import { useCollection, useCollectionAction, usePayCollection } from '../../api/collections.js'
import { Avatar } from '../../components/avatar.js'
import { Button } from '../../components/button.js'
import { ConfirmSheet } from '../../components/confirm-sheet.js'
import { MoneyLoadState } from '../../components/money/load-state.js'
import { PageHeader } from '../../components/page-header.js'
import { PinSheet } from '../../components/wallet/pin-sheet.js'
import { WalletErrorAlert } from '../../components/wallet/wallet-error-alert.js'
import { PIN_ERRORS } from '../../lib/use-amount.js'
import { useChatTime } from '../../lib/use-chat-time.js'
import { useFormat } from '../../lib/use-format.js'
import '../../components/chat/money-chat.css'
import '../../styles/money-pages.css'

/** 群收款详情: who paid and who has not; a member pays with the PIN or mutes reminders, the collector closes it. */
export function CollectionPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const collection = useCollection(id)
  const data = collection.data
  return (
    <div className="page money-detail">
      <PageHeader
        title={t('collection.detailsTitle')}
        backTo={data ? `/chat/${encodeURIComponent(data.conversationId)}` : '/collections'}
      />
      {data ? (
        <CollectionBody collection={data} />
      ) : (
        <MoneyLoadState error={collection.error} onRetry={() => void collection.refetch()} />
      )}
    </div>
  )
}

function CollectionBody({ collection }: { collection: CollectionView }) {
  const { t } = useTranslation()
  const format = useFormat()
  const time = useChatTime()
  const pay = usePayCollection(collection.id)
  const close = useCollectionAction(collection.id, 'close')
  const mute = useCollectionAction(collection.id, 'reminders/mute')
  const [paying, setPaying] = useState(false)
  const [closing, setClosing] = useState(false)
  const { mine } = collection
  const open = collection.status === 'open'
  const collector = mine === null

  const submitPin = (pin: string) =>
    pay.mutate(pin, {
      onSuccess: () => setPaying(false),
      onError: (error) => {
        if (!PIN_ERRORS.some((code) => isApiError(error, code))) setPaying(false)
      },
    })

  return (
    <>
      <section className="money-hero money-hero--collection">
        <p className="money-hero__who">
          <Avatar name={collection.collector.displayName} url={collection.collector.avatarUrl} size={28} />
          <span>{t('collection.by', { name: collection.collector.displayName })}</span>
        </p>
        <h2 className="money-hero__title">{collection.title}</h2>
        <p className="money-hero__amount" data-testid="collection-hero-amount">
          {format.money(mine ? mine.amount : collection.total)}
        </p>
        <p className="money-hero__status" data-testid="collection-status">
          {mine?.paid ? t('collection.youPaidShort') : t(`collection.status.${collection.status}`)}
        </p>
      </section>

      <section className="card list money-detail__list" aria-labelledby="collection-members">
        <h2 className="list__heading" id="collection-members" data-testid="collection-progress">
          {t('collection.progress', {
            paid: collection.paidCount,
            all: collection.memberCount,
            paidAmount: format.money(collection.paidAmount),
            total: format.money(collection.total),
          })}
        </h2>
        <ul className="money-people">
          {collection.members.map((member) => (
            <li
              key={member.user.id}
              className="money-person"
              data-testid="collection-row"
              data-paid={member.paid ? 'true' : 'false'}
            >
              <Avatar name={member.user.displayName} url={member.user.avatarUrl} size={40} />
              <span className="money-person__who">
                <span className="money-person__name">{member.user.displayName}</span>
                <span className="money-person__sub">
                  {member.paid && member.paidAt ? time.list(member.paidAt) : t('collection.unpaid')}
                </span>
              </span>
              <span className="money-person__money">
                <span className="money-person__amount">{format.money(member.amount)}</span>
                <span className={`money-tag${member.paid ? ' money-tag--done' : ''}`}>
                  {t(member.paid ? 'collection.paid' : 'collection.unpaid')}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <div className="money-detail__actions">
        {!paying && <WalletErrorAlert error={pay.error ?? close.error ?? mute.error} />}
        {mine && !mine.paid && open && (
          <Button
            className="button--transfer"
            block
            onClick={() => {
              pay.reset()
              setPaying(true)
            }}
          >
            {t('collection.pay', { amount: format.money(mine.amount) })}
          </Button>
        )}
        {mine && !mine.paid && open && (
          <Button
            variant="secondary"
            block
            disabled={mine.remindersMuted}
            pending={mute.isPending}
            onClick={() => mute.mutate()}
          >
            {t(mine.remindersMuted ? 'collection.remindersOff' : 'collection.muteReminders')}
          </Button>
        )}
        {collector && open && (
          <Button variant="secondary" block onClick={() => setClosing(true)}>
            {t('collection.close')}
          </Button>
        )}
        <p className="money-form__hint money-form__hint--center">
          {t('collection.createdAt', { at: time.list(collection.createdAt) })}
        </p>
      </div>

      {mine && (
        <PinSheet
          open={paying}
          onClose={() => setPaying(false)}
          purpose={t('collection.pinFor', { name: collection.collector.displayName })}
          payee={collection.collector}
          amount={format.money(mine.amount)}
          onSubmit={submitPin}
          pending={pay.isPending}
          error={pay.error}
        />
      )}
      <ConfirmSheet
        open={closing}
        title={t('collection.closeTitle')}
        body={t('collection.closeBody', { unpaid: collection.memberCount - collection.paidCount })}
        confirmLabel={t('collection.close')}
        onConfirm={() => close.mutate(undefined, { onSuccess: () => setClosing(false) })}
        onClose={() => setClosing(false)}
        pending={close.isPending}
        error={close.error}
      />
    </>
  )
}
