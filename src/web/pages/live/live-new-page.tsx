import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { errorField } from '../../api/api-error.js'
import { useCreateEvent } from '../../api/live.js'
import { Button } from '../../components/button.js'
import { ImagePicker } from '../../components/circle/image-picker.js'
import { FormAlert } from '../../components/form-alert.js'
import '../../components/live/live.css'
import { PageHeader } from '../../components/page-header.js'
import { TextField } from '../../components/text-field.js'
import { useImageUploads } from '../../lib/use-image-uploads.js'
import '../../styles/compose.css'

/** A datetime-local value for an hour from now, in local time, as the input wants it. */
function inAnHour(): string {
  const date = new Date(Date.now() + 3600_000)
  date.setMinutes(0, 0, 0)
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 16)
}

/** 创建现场: a host names the event, when it starts, where its HLS stream is, and picks a cover for the Live tab. */
export function LiveNewPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const create = useCreateEvent()
  const [title, setTitle] = useState('')
  const [startsAt, setStartsAt] = useState(inAnHour)
  const [streamUrl, setStreamUrl] = useState('')
  const [missing, setMissing] = useState(false)
  const [coverPending, setCoverPending] = useState(false)
  const cover = useImageUploads(1)
  const field = errorField(create.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim() || !startsAt) return setMissing(true)
    if (cover.uploading || cover.failed) return setCoverPending(true)
    const [coverMediaId] = cover.mediaIds
    create.mutate(
      {
        title: title.trim(),
        startsAt: new Date(startsAt).toISOString(),
        ...(streamUrl.trim() ? { streamUrl: streamUrl.trim() } : {}),
        ...(coverMediaId ? { coverMediaId } : {}),
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
        <div className="field live-form__cover">
          <span className="field__label">{t('live.cover')}</span>
          <ImagePicker
            images={cover.images}
            max={1}
            onAdd={(files) => {
              cover.add(files.slice(0, 1))
              setCoverPending(false)
            }}
            onRemove={cover.remove}
            onRetry={cover.retry}
          />
          <span className="field__hint">{t('live.coverHint')}</span>
        </div>
        <FormAlert
          message={
            coverPending && (cover.uploading || cover.failed)
              ? t('compose.uploadsPending')
              : field
                ? undefined
                : create.error?.message
          }
        />
        <Button type="submit" block pending={create.isPending}>
          {t('live.createSubmit')}
        </Button>
      </form>
    </div>
  )
}
