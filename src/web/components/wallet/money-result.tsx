import type { ReactNode } from 'react'
import { AlertIcon, CheckIcon } from '../icons.js'

/** The end of a money flow: the outcome, the amount large, and what to do next. */
export function MoneyResult({
  title,
  amount,
  body,
  failed,
  children,
}: {
  title: string
  amount: string
  body: ReactNode
  failed?: boolean
  children: ReactNode
}) {
  return (
    <section className={`result card${failed ? ' result--failed' : ''}`} role="status">
      <span className="result__icon" aria-hidden="true">
        {failed ? <AlertIcon size={36} /> : <CheckIcon size={36} />}
      </span>
      <h2 className="result__title">{title}</h2>
      <p className="result__amount" data-testid="result-amount">
        {amount}
      </p>
      <div className="result__body">{body}</div>
      <div className="result__actions">{children}</div>
    </section>
  )
}
