import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CloseIcon } from './icons.js'

interface SheetProps {
  open: boolean
  onClose: () => void
  title: string
  /** What the dialog is announced as; the title when absent. */
  labelledBy?: string
  children: ReactNode
}

/**
 * A bottom sheet on a native modal <dialog>: focus is trapped, Escape and a tap on the backdrop close it, and the
 * page behind is inert, with no focus-trap code of our own.
 */
export function Sheet({ open, onClose, title, labelledBy, children }: SheetProps) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      // showModal() focuses the first focusable element, the close button; a sheet that asks for input wants it there.
      dialog.querySelector<HTMLElement>('input:not([disabled]), textarea:not([disabled])')?.focus()
    }
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className="sheet"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : title}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      {open && (
        <div className="sheet__panel">
          <header className="sheet__header">
            <button type="button" className="icon-button" aria-label={t('pinSheet.close')} onClick={onClose}>
              <CloseIcon size={22} />
            </button>
            <h2 className="sheet__title">{title}</h2>
            <span className="sheet__spacer" />
          </header>
          {children}
        </div>
      )}
    </dialog>
  )
}
