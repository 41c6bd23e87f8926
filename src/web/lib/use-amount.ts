import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AMOUNT_MAX_PER_OPERATION } from '../../shared/api/wallet.js'
import { checkAmount } from './amount.js'
import { useFormat } from './use-format.js'

/** The text of an amount field, its error, and `take()`: the amount in fen, or undefined after showing why not. */
export function useAmount(options: { available?: number } = {}) {
  const { t } = useTranslation()
  const format = useFormat()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()

  const take = (): number | undefined => {
    const checked = checkAmount(text, options)
    if ('fen' in checked) {
      setError(undefined)
      return checked.fen
    }
    const problem = checked.problem
    setError(
      problem === 'tooLarge'
        ? t('amount.tooLarge', { max: format.money(AMOUNT_MAX_PER_OPERATION) })
        : problem === 'overAvailable'
          ? t('amount.overAvailable', { available: format.money(options.available ?? 0) })
          : t(`amount.${problem}`),
    )
    return undefined
  }

  const change = (value: string) => {
    setText(value)
    setError(undefined)
  }

  return { text, setText: change, error, take }
}

/** Errors that belong on the PIN sheet; any other failure closes it and shows on the form. */
export const PIN_ERRORS = ['PIN_INCORRECT', 'PIN_LOCKED'] as const
