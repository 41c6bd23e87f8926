import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import type { ConversationView, MessageView } from '../../../shared/api/chat.js'
import { useMe } from '../../api/accounts.js'
import { patchMessages } from '../../api/chat-cache.js'
import { markRead, useConversation, useMessages } from '../../api/chat.js'
import { useGroup } from '../../api/groups.js'
import { BurnViewer } from '../../components/chat/burn-viewer.js'
import { Composer } from '../../components/chat/composer.js'
import { CollectionSheet } from '../../components/chat/collection-sheet.js'
import { GroupInfoSheet } from '../../components/chat/group-info-sheet.js'
import { IouSheet } from '../../components/chat/iou-sheet.js'
import { MessageList } from '../../components/chat/message-list.js'
import { CollectIcon, IouNoteIcon, RedEnvelopeIcon, TransferArrowsIcon } from '../../components/chat/money-icons.js'
import type { MoneyAction } from '../../components/chat/money-panel.js'
import { RedPacketEnvelope } from '../../components/chat/red-packet-envelope.js'
import { RedPacketSheet } from '../../components/chat/red-packet-sheet.js'
import { TransferSheet } from '../../components/chat/transfer-sheet.js'
import { FormAlert } from '../../components/form-alert.js'
import { MoreIcon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import type { Me } from '../../api/types.js'
import { useOutbox } from '../../lib/use-outbox.js'
import { usePageVisible } from '../../lib/use-page-visible.js'
import '../../components/chat/money-chat.css'
import '../../components/chat/red-packet.css'

/** One conversation: its history, live; what I read is marked read; a composer at the bottom. */
export function ConversationPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const me = useMe().data
  const conversation = useConversation(id)

  if (!me) return null
  if (conversation.isError && !conversation.data) {
    return (
      <div className="page">
        <PageHeader title={t('tabs.chat')} backTo="/chat" />
        <p className="list-end">{conversation.error.message}</p>
      </div>
    )
  }
  if (!conversation.data) {
    return (
      <div className="page">
        <PageHeader title={t('tabs.chat')} backTo="/chat" />
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      </div>
    )
  }
  return <Conversation key={id} conversation={conversation.data} me={me} />
}

function Conversation({ conversation, me }: { conversation: ConversationView; me: Me }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const history = useMessages(conversation.id)
  const outbox = useOutbox(conversation.id)
  const visible = usePageVisible()
  const scroller = useRef<HTMLDivElement>(null)
  const [info, setInfo] = useState(false)
  const [burning, setBurning] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | undefined>()
  const [moneySheet, setMoneySheet] = useState<'redPacket' | 'transfer' | 'collection' | 'iou' | null>(null)
  const [envelope, setEnvelope] = useState<MessageView | null>(null)
  const navigate = useNavigate()
  const group = conversation.kind === 'group'
  const messages = (history.data?.pages ?? []).flatMap((page) => page.items).reverse()
  const newest = messages.at(-1)?.seq ?? 0

  // Everything on screen has been read; tell the server once per new message, and only while the page is seen.
  const readUpTo = useRef(conversation.lastReadSeq)
  useEffect(() => {
    if (!visible || newest <= readUpTo.current) return
    readUpTo.current = newest
    markRead(queryClient, conversation.id, newest).catch(() => {
      readUpTo.current = 0
    })
  }, [visible, newest, conversation.id, queryClient])

  const toBottom = () => scroller.current?.scrollTo({ top: 0 })
  const burned = (message: MessageView) => {
    patchMessages(queryClient, conversation.id, (item) =>
      item.id === message.id && item.burnAfterReading
        ? { ...item, burnAfterReading: { ...item.burnAfterReading, openable: false } }
        : item,
    )
  }

  const moneyActions: MoneyAction[] = [
    {
      key: 'redPacket',
      label: t('money.redPacket'),
      icon: <RedEnvelopeIcon size={28} />,
      onSelect: () => setMoneySheet('redPacket'),
    },
    // Transfers and IOUs are between the two people of a direct chat; a group collects from its members instead.
    ...(group
      ? [
          {
            key: 'collection',
            label: t('money.collection'),
            icon: <CollectIcon size={28} />,
            onSelect: () => setMoneySheet('collection'),
          },
        ]
      : [
          {
            key: 'transfer',
            label: t('money.transfer'),
            icon: <TransferArrowsIcon size={28} />,
            onSelect: () => setMoneySheet('transfer'),
          },
          {
            key: 'iou',
            label: t('money.iou'),
            icon: <IouNoteIcon size={28} />,
            onSelect: () => setMoneySheet('iou'),
          },
        ]),
  ]
  const moneySent = () => {
    setMoneySheet(null)
    toBottom()
  }
  const toDetails = useCallback(
    (packetId: string) => navigate(`/red-packets/${encodeURIComponent(packetId)}`),
    [navigate],
  )

  return (
    <div className="chat-page">
      <PageHeader
        title={
          conversation.groupId ? (
            <GroupTitle groupId={conversation.groupId} name={conversation.title} />
          ) : (
            conversation.title
          )
        }
        backTo="/chat"
        action={
          group && (
            <button type="button" className="icon-button" aria-label={t('chat.info')} onClick={() => setInfo(true)}>
              <MoreIcon />
            </button>
          )
        }
      />
      {history.isPending ? (
        <div className="message-scroller">
          <Spinner label={t('common.loading')} />
        </div>
      ) : history.isError ? (
        <div className="message-scroller">
          <p className="list-end">{t('chat.loadFailed')}</p>
        </div>
      ) : (
        <MessageList
          messages={messages}
          outgoing={outbox.items}
          me={me}
          group={group}
          hasOlder={history.hasNextPage}
          loadingOlder={history.isFetchingNextPage}
          onOlder={() => void history.fetchNextPage()}
          onOpenBurn={(message) => {
            setNotice(undefined)
            setBurning(message.id)
          }}
          onOpenRedPacket={(message) => setEnvelope(message)}
          onRetry={outbox.retry}
          scrollerRef={scroller}
        />
      )}
      <FormAlert message={notice} />
      <Composer
        onText={(text, burn) => {
          outbox.sendText(text, burn)
          toBottom()
        }}
        onImage={(file) => {
          outbox.sendImage(file)
          toBottom()
        }}
        moneyActions={moneyActions}
      />
      {moneySheet === 'redPacket' && (
        <RedPacketSheet
          conversationId={conversation.id}
          groupId={conversation.groupId}
          onClose={() => setMoneySheet(null)}
          onSent={moneySent}
        />
      )}
      {moneySheet === 'transfer' && conversation.peer && (
        <TransferSheet
          conversationId={conversation.id}
          peer={conversation.peer}
          onClose={() => setMoneySheet(null)}
          onSent={moneySent}
        />
      )}
      {moneySheet === 'collection' && conversation.groupId && (
        <CollectionSheet groupId={conversation.groupId} onClose={() => setMoneySheet(null)} onSent={moneySent} />
      )}
      {moneySheet === 'iou' && conversation.peer && (
        <IouSheet lender={conversation.peer} onClose={() => setMoneySheet(null)} onSent={moneySent} />
      )}
      {envelope?.card && (
        <RedPacketEnvelope
          key={envelope.id}
          message={envelope}
          card={envelope.card}
          meId={me.id}
          direct={!group}
          onClose={() => setEnvelope(null)}
          onDetails={toDetails}
        />
      )}
      {burning && (
        <BurnViewer
          key={burning}
          messageId={burning}
          onDone={({ refused, error }) => {
            const message = messages.find((item) => item.id === burning)
            if (message) burned(message)
            setBurning(null)
            setNotice(refused ? t('burn.gone') : error)
          }}
        />
      )}
      {conversation.groupId && (
        <GroupInfoSheet groupId={conversation.groupId} open={info} onClose={() => setInfo(false)} />
      )}
    </div>
  )
}

/** A group's title as WeChat shows it: the name and how many are in it, "周末爬山群 (3)". */
function GroupTitle({ groupId, name }: { groupId: string; name: string }) {
  const group = useGroup(groupId).data
  return group ? `${group.name} (${group.members.length})` : name
}
