import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { errorField } from '../../api/api-error.js'
import { useCreateEvent } from '../../api/live.js'
import { Button } from '../../components/button.js'
import { FormAlert } from '../../components/form-alert.js'
import '../../components/live/live.css'
import { PageHeader } from '../../components/page-header.js'
import { TextField } from '../../components/text-field.js'

/** A datetime-local value for an hour from now, in local time, as the input wants it. */
function inAnHour(): string {
  const date = new Date(Date.now() + 3600_000)
  date.setMinutes(0, 0, 0)
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 16)
}

/** 创建现场: a host names the event, when it starts, and where its HLS stream is. */
export function LiveNewPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const create = useCreateEvent()
  const [title, setTitle] = useState('')
  const [startsAt, setStartsAt] = useState(inAnHour)
  const [streamUrl, setStreamUrl] = useState('')
  const [missing, setMissing] = useState(false)
  const field = errorField(create.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim() || !startsAt) return setMissing(true)
    create.mutate(
      {
        title: title.trim(),
        startsAt: new Date(startsAt).toISOString(),
        ...(streamUrl.trim() ? { streamUrl: streamUrl.trim() } : {}),
      },
      { onSuccess: (view) => void navigate(`/live/${view.id}`, { replace: true }) },
    )
  }

  return (
    <div className="page">
      <PageHeader backTo="/live" title={t('live.create')} />
      <form className="form live-form" onSubmit={submit} noValidate>
        <TextField
          label={t('live.title')}
          value={title}
          maxLength={80}
          onChange={(value) => {
            setTitle(value)
            setMissing(false)
          }}
          error={(missing && !title.trim()) || field === 'title' ? t('live.titleRequired') : undefined}
        />
        <TextField label={t('live.startsAtLabel')} type="datetime-local" value={startsAt} onChange={setStartsAt} />
        <TextField
          label={t('live.streamUrl')}
          value={streamUrl}
          inputMode="url"
          placeholder="/hls/stream.m3u8"
          hint={t('live.streamUrlHint')}
          onChange={setStreamUrl}
          error={field === 'streamUrl' ? t('live.streamUrlInvalid') : undefined}
        />
        <FormAlert message={field ? undefined : create.error?.message} />
        <Button type="submit" block pending={create.isPending}>
          {t('live.createSubmit')}
        </Button>
      </form>
    </div>
  )
}
