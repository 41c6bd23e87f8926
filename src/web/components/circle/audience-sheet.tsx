import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Visibility } from '../../../shared/api/feed.js'
import { Button } from '../button.js'
import { FormAlert } from '../form-alert.js'
import { FriendPicker } from '../friends/friend-picker.js'
import { Sheet } from '../sheet.js'

type AudienceType = Visibility['type']

export const AUDIENCE_TEXT = {
  friends: { label: 'compose.audienceFriends', hint: 'compose.audienceFriendsHint' },
  private: { label: 'compose.audiencePrivate', hint: 'compose.audiencePrivateHint' },
  include: { label: 'compose.audienceInclude', hint: 'compose.audienceIncludeHint' },
  exclude: { label: 'compose.audienceExclude', hint: 'compose.audienceExcludeHint' },
} as const

interface AudienceSheetProps {
  open: boolean
  value: Visibility
  onChange: (value: Visibility) => void
  onClose: () => void
}

/** 谁可以看: 公开 / 私密 / 部分可见 / 不给谁看, the last two with the friends picked. */
export function AudienceSheet({ open, value, onChange, onClose }: AudienceSheetProps) {
  const { t } = useTranslation()
  const [type, setType] = useState<AudienceType>(value.type)
  const [userIds, setUserIds] = useState<string[]>(value.userIds ?? [])
  const [problem, setProblem] = useState<string | undefined>()
  const picking = type === 'include' || type === 'exclude'

  const done = () => {
    if (picking && userIds.length === 0) return setProblem(t('compose.pickFriends'))
    onChange(picking ? { type, userIds } : { type })
    onClose()
  }

  return (
    <Sheet open={open} onClose={onClose} title={t('compose.audience')}>
      <div className="audience">
        <div className="audience__options" role="radiogroup" aria-label={t('compose.audience')}>
          {(Object.keys(AUDIENCE_TEXT) as AudienceType[]).map((option) => (
            <label key={option} className="audience__option">
              <input
                type="radio"
                name="audience"
                checked={type === option}
                onChange={() => {
                  setType(option)
                  setProblem(undefined)
                }}
              />
              <span className="audience__text">
                <span className="audience__label">{t(AUDIENCE_TEXT[option].label)}</span>
                <span className="audience__hint">{t(AUDIENCE_TEXT[option].hint)}</span>
              </span>
            </label>
          ))}
        </div>
        {picking && (
          <FriendPicker
            label={t(AUDIENCE_TEXT[type].label)}
            selected={userIds}
            onChange={(next) => {
              setUserIds(next)
              setProblem(undefined)
            }}
          />
        )}
        <FormAlert message={problem} />
        <Button block onClick={done}>
          {picking && userIds.length > 0
            ? `${t('compose.done')} (${t('compose.picked', { count: userIds.length })})`
            : t('compose.done')}
        </Button>
      </div>
    </Sheet>
  )
}
