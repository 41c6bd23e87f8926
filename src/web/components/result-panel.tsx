import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { CheckIcon } from './icons.js'

/** The success screen at the end of a flow. */
export function ResultPanel({
  title,
  body,
  linkTo,
  linkLabel,
}: {
  title: string
  body: ReactNode
  linkTo: string
  linkLabel: string
}) {
  return (
    <section className="result" role="status">
      <span className="result__icon" aria-hidden="true">
        <CheckIcon size={36} />
      </span>
      <h2 className="result__title">{title}</h2>
      <p className="result__body">{body}</p>
      <Link className="button button--primary button--block" to={linkTo}>
        <span>{linkLabel}</span>
      </Link>
    </section>
  )
}
