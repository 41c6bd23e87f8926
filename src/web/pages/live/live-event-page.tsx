import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import type { DanmakuView, SendDanmakuBody } from '../../../shared/api/live.js'
import { useMe } from '../../api/accounts.js'
import { useLiveEvent, useRecallDanmaku, useSendDanmaku } from '../../api/live.js'
import { Button } from '../../components/button.js'
import { EmptyState } from '../../components/empty-state.js'
import { LiveIcon, MoreIcon } from '../../components/icons.js'
import { DanmakuList } from '../../components/live/danmaku-list.js'
import { DanmakuStage, type DanmakuStageHandle } from '../../components/live/danmaku-stage.js'
import { EventInfo } from '../../components/live/event-info.js'
import { HlsVideo } from '../../components/live/hls-video.js'
import { HostPanel } from '../../components/live/host-panel.js'
import '../../components/live/live.css'
import { SendBox } from '../../components/live/send-box.js'
import { SettingsSheet } from '../../components/live/settings-sheet.js'
import { StatusBadge } from '../../components/live/status-badge.js'
import { useReplayDanmaku } from '../../components/live/use-replay-danmaku.js'
import { useViewerSettings } from '../../components/live/viewer-settings.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { useFormat } from '../../lib/use-format.js'
import { useLiveRoom } from '../../realtime/live-rooms.js'

/** The list under the video keeps this many of the latest danmaku. */
const RECENT_MAX = 30
const SOCKET_ERRORS = ['RATE_LIMITED', 'DANMAKU_FILTERED', 'DANMAKU_MUTED', 'EVENT_NOT_LIVE', 'NETWORK_ERROR'] as const

/** 現場 player: the stream with danmaku flying over it, the send box, the tip button, and the host's controls. */
export function LiveEventPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const { id = '' } = useParams()
  const me = useMe().data
  const query = useLiveEvent(id)
  const event = query.data
  const controls = useViewerSettings()
  const stage = useRef<DanmakuStageHandle>(null)
  const mine = useRef(new Set<string>())
  const [video, setVideo] = useState<HTMLVideoElement | null>(null)
  const [viewers, setViewers] = useState<number>()
  const [recent, setRecent] = useState<DanmakuView[]>([])
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [streamFailed, setStreamFailed] = useState(false)
  const send = useSendDanmaku(id, (code) =>
    t(`live.errors.${SOCKET_ERRORS.find((known) => known === code) ?? 'OTHER'}`),
  )
  const recall = useRecallDanmaku(id)
  const tipText = useCallback((amount: number) => t('live.tipDanmaku', { amount: format.money(amount) }), [t, format])

  const show = (items: DanmakuView[]) => {
    const marked = items.map((item) => (mine.current.has(item.id) ? { ...item, mine: true } : item))
    marked.forEach((item) => stage.current?.emit(item))
    setRecent((list) => {
      const fresh = marked.filter((item) => !list.some((old) => old.id === item.id)).reverse()
      return [...fresh, ...list].slice(0, RECENT_MAX)
    })
  }
  const forget = (danmakuId: string) => {
    stage.current?.remove(danmakuId)
    setRecent((list) => list.filter((item) => item.id !== danmakuId))
  }

  const live = event?.status === 'live'
  const replay = event?.status === 'ended'
  useLiveRoom(live ? id : undefined, (frame) => {
    if (frame.type === 'danmaku.batch') show(frame.data.items)
    else if (frame.type === 'danmaku.recall') forget(frame.data.id)
    else if (frame.type === 'live.viewers') setViewers(frame.data.viewerCount)
  })
  useReplayDanmaku(replay ? id : undefined, video, (items) => items.forEach((item) => stage.current?.emit(item)))

  if (query.isPending) {
    return (
      <div className="page">
        <PageHeader backTo="/live" title={t('tabs.live')} />
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      </div>
    )
  }
  if (!event) {
    return (
      <div className="page">
        <PageHeader backTo="/live" title={t('tabs.live')} />
        <div className="list-end">
          <p>{query.error?.message}</p>
          <Button variant="secondary" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        </div>
      </div>
    )
  }

  const source = replay ? (event.replayUrl ?? event.streamUrl) : live ? event.streamUrl : null
  const host = me?.id === event.host.id
  const onSend = async (body: SendDanmakuBody) => {
    try {
      const sent = await send.mutateAsync(body)
      mine.current.add(sent.id)
      show([{ ...sent, mine: true }])
      return true
    } catch {
      return false
    }
  }

  return (
    <div className="page page--live-event">
      <PageHeader
        backTo="/live"
        title={event.title}
        action={
          <button
            type="button"
            className="icon-button"
            aria-label={t('live.settings')}
            onClick={() => setSettingsOpen(true)}
          >
            <MoreIcon />
          </button>
        }
      />
      <div className="player" data-testid="player">
        {source && !streamFailed ? (
          <HlsVideo
            src={source}
            loop={live}
            label={event.title}
            onElement={setVideo}
            onFatal={() => setStreamFailed(true)}
          />
        ) : (
          <div className="player__poster">
            <LiveIcon size={40} />
            <p>
              {streamFailed
                ? t('live.streamFailed')
                : event.status === 'upcoming'
                  ? t('live.startsAt', { time: format.time(event.startsAt) })
                  : t('live.noStream')}
            </p>
          </div>
        )}
        <DanmakuStage ref={stage} settings={controls.settings} media={video} replay={replay} tipText={tipText} />
        <div className="player__badge">
          <StatusBadge event={event} {...(viewers !== undefined ? { viewers } : {})} />
        </div>
      </div>
      <EventInfo event={event} canTip={live && !host} />
      {host && <HostPanel event={event} />}
      {live && <SendBox sending={send.isPending} error={send.error?.message} onSend={onSend} />}
      {live && (
        <section className="card live-recent">
          <h2 className="live-section__title">{t('live.list')}</h2>
          <DanmakuList
            items={recent}
            tipText={tipText}
            recalling={recall.isPending ? recall.variables : undefined}
            onRecall={(danmakuId) => recall.mutate(danmakuId, { onSuccess: () => forget(danmakuId) })}
          />
          {recall.isError && <p className="field__error">{recall.error.message}</p>}
        </section>
      )}
      {event.status === 'upcoming' && !host && (
        <EmptyState icon={<LiveIcon size={40} />} title={t('live.upcomingTitle')} body={t('live.upcomingBody')} />
      )}
      <SettingsSheet open={settingsOpen} onClose={() => setSettingsOpen(false)} controls={controls} />
    </div>
  )
}
