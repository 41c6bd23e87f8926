import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from './button.js'
import { FormAlert } from './form-alert.js'
import { Sheet } from './sheet.js'

interface ConfirmSheetProps {
  open: boolean
  title: string
  body: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onClose: () => void
  pending?: boolean
  error?: unknown
  /** A danger button by default; `primary` for a step that is final but wanted, such as confirming receipt. */
  tone?: 'danger' | 'primary'
}

/** "Are you sure?" before something that cannot be undone: a danger button and a way out. */
export function ConfirmSheet({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  pending,
  error,
  tone = 'danger',
}: ConfirmSheetProps) {
  const { t } = useTranslation()
  return (
    <Sheet open={open} onClose={onClose} title={title}>
      <div className="confirm-sheet">
        <p>{body}</p>
        <FormAlert message={error instanceof Error ? error.message : undefined} />
        <Button variant={tone} block pending={pending ?? false} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="ghost" block onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </Sheet>
  )
}
