import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/api-error.js'
import { useMe, useSetPin } from '../api/accounts.js'
import { Button } from '../components/button.js'
import { FormAlert } from '../components/form-alert.js'
import { PageHeader } from '../components/page-header.js'
import { PinBoxes } from '../components/pin-boxes.js'
import { ResultPanel } from '../components/result-panel.js'
import { isSimplePin } from '../../shared/validation/pin.js'
import { PIN_LENGTH } from '../lib/validation.js'

type Step = 'current' | 'new' | 'confirm'

const STEP_TEXT = { current: 'pin.stepCurrent', new: 'pin.stepNew', confirm: 'pin.stepConfirm' } as const

/** Set a payment PIN (new, confirm) or change it (current, new, confirm). */
export function PinPage() {
  const { t } = useTranslation()
  const me = useMe().data
  const setPin = useSetPin()
  const [mode] = useState<'set' | 'change'>(() => (me?.hasPin ? 'change' : 'set'))
  const [step, setStep] = useState<Step>(mode === 'change' ? 'current' : 'new')
  const [values, setValues] = useState<Record<Step, string>>({ current: '', new: '', confirm: '' })
  const [error, setError] = useState<string | undefined>()
  const [done, setDone] = useState(false)
  const steps: Step[] = mode === 'change' ? ['current', 'new', 'confirm'] : ['new', 'confirm']

  const goTo = (next: Step, keep: Partial<Record<Step, string>> = {}) => {
    setValues({ current: '', new: '', confirm: '', ...keep })
    setStep(next)
  }

  const submit = (pin: string, currentPin: string) => {
    setPin.mutate(mode === 'change' ? { pin, currentPin } : { pin }, {
      onSuccess: () => setDone(true),
      onError: (failure) => {
        setError(failure.message)
        if (isApiError(failure, 'PIN_INCORRECT') || isApiError(failure, 'PIN_LOCKED')) {
          goTo('current', { new: pin, confirm: pin })
        } else if (isApiError(failure, 'VALIDATION_FAILED')) {
          goTo('new', { current: currentPin })
        }
      },
    })
  }

  const complete = (value: string) => {
    setError(undefined)
    if (step === 'current') {
      if (values.confirm.length === PIN_LENGTH) return submit(values.confirm, value)
      return goTo('new', { current: value })
    }
    if (step === 'new') {
      if (isSimplePin(value)) {
        setError(t('validation.pinTooSimple'))
        return goTo('new', { current: values.current })
      }
      if (mode === 'change' && value === values.current) {
        setError(t('validation.pinSameAsCurrent'))
        return goTo('new', { current: values.current })
      }
      return goTo('confirm', { current: values.current, new: value })
    }
    if (value !== values.new) {
      setError(t('validation.pinMismatch'))
      return goTo('new', { current: values.current })
    }
    submit(value, values.current)
  }

  const title = mode === 'change' ? t('pin.changeTitle') : t('pin.setTitle')
  if (done) {
    return (
      <div className="page">
        <PageHeader title={title} backTo="/me" />
        <ResultPanel
          title={mode === 'change' ? t('pin.changeDone') : t('pin.setDone')}
          body={t('pin.doneBody')}
          linkTo="/me"
          linkLabel={t('pin.backToMe')}
        />
      </div>
    )
  }

  const value = values[step]
  const isLast = step === 'confirm'
  return (
    <div className="page">
      <PageHeader title={title} backTo="/me" />
      <section className="card pin-step">
        <ol className="steps" aria-hidden="true">
          {steps.map((name) => (
            <li key={name} className={`steps__dot${name === step ? ' steps__dot--active' : ''}`} />
          ))}
        </ol>
        <h2 className="pin-step__prompt" id="pin-prompt">
          {t(STEP_TEXT[step])}
        </h2>
        <PinBoxes
          key={step}
          value={value}
          onChange={(next) => setValues((current) => ({ ...current, [step]: next }))}
          onComplete={complete}
          label={t(STEP_TEXT[step])}
          progressLabel={t('pin.progress', { entered: value.length })}
          invalid={Boolean(error)}
          disabled={setPin.isPending}
          autoFocus
        />
        {step !== 'current' && <p className="pin-step__hint">{t('pin.hint')}</p>}
        <FormAlert message={error} />
        <div className="pin-step__actions">
          {step !== steps[0] && (
            <Button variant="ghost" onClick={() => goTo(steps[0] ?? 'new')} disabled={setPin.isPending}>
              {t('pin.startOver')}
            </Button>
          )}
          <Button
            onClick={() => complete(value)}
            disabled={value.length !== PIN_LENGTH}
            pending={setPin.isPending}
            className="pin-step__next"
          >
            {isLast ? t('pin.submit') : t('pin.next')}
          </Button>
        </div>
      </section>
    </div>
  )
}
