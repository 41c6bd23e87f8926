import type { ButtonHTMLAttributes } from 'react'
import { Spinner } from './spinner.js'

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost'
  /** Disables the button and shows a spinner while a request is in flight. */
  pending?: boolean
  block?: boolean
}

export function Button({
  variant = 'primary',
  pending = false,
  block = false,
  disabled,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  const classes = ['button', `button--${variant}`, block ? 'button--block' : '', className ?? ''].filter(Boolean)
  return (
    <button
      type={type}
      className={classes.join(' ')}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...rest}
    >
      {pending && <Spinner />}
      <span>{children}</span>
    </button>
  )
}
