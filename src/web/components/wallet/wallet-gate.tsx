import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMe } from '../../api/accounts.js'
import { LockIcon, ShieldIcon } from '../icons.js'

/**
 * The wallet needs a verified real name (and paying needs a PIN): without them, say so and link to the fix rather
 * than let the user fill in a form the server will refuse.
 */
export function WalletGate({ needsPin = false, children }: { needsPin?: boolean; children: ReactNode }) {
  const { t } = useTranslation()
  const me = useMe().data
  if (!me) return null
  if (!me.realName.verified) {
    return (
      <GateCard
        icon={<ShieldIcon size={28} />}
        title={t('wallet.realNameTitle')}
        body={t('wallet.realNameBody')}
        to="/me/real-name"
        action={t('wallet.realNameAction')}
      />
    )
  }
  if (needsPin && !me.hasPin) {
    return (
      <GateCard
        icon={<LockIcon size={28} />}
        title={t('wallet.pinTitle')}
        body={t('wallet.pinBody')}
        to="/me/pin"
        action={t('wallet.pinAction')}
      />
    )
  }
  return children
}

function GateCard(props: { icon: ReactNode; title: string; body: string; to: string; action: string }) {
  return (
    <section className="card gate">
      <span className="gate__icon" aria-hidden="true">
        {props.icon}
      </span>
      <h2 className="gate__title">{props.title}</h2>
      <p className="gate__body">{props.body}</p>
      <Link className="button button--primary button--block" to={props.to}>
        <span>{props.action}</span>
      </Link>
    </section>
  )
}
