import { AlertIcon } from './icons.js'

/** A form-level error, announced to screen readers when it appears. */
export function FormAlert({ message }: { message: string | undefined }) {
  return (
    <div className="form-alert-slot" role="alert" aria-live="assertive">
      {message && (
        <p className="form-alert">
          <AlertIcon size={18} />
          <span>{message}</span>
        </p>
      )}
    </div>
  )
}
