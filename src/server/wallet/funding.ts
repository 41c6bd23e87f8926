import crypto from 'node:crypto'

export interface FundingRequest {
  /** Our idempotent reference: a provider that sees it twice must act once. */
  reference: string
  userId: string
  amount: number
}

/**
 * Where money enters and leaves the community: a bank or payment network. The ledger never talks to it; the
 * wallet service calls it beside each ledger step and compensates (voids a hold) when it fails.
 */
export interface FundingProvider {
  readonly name: string
  /** True for play money; responses and the UI say so. */
  readonly sandbox: boolean
  /** Takes money from the user's card into the community. */
  collect(request: FundingRequest): Promise<{ providerReference: string }>
  /** Sends money from the community to the user's card. */
  payOut(request: FundingRequest): Promise<{ providerReference: string }>
}

/** A clearly labelled simulator: every collection and payout succeeds at once, and no real money moves. */
export class SandboxFundingProvider implements FundingProvider {
  readonly name = 'sandbox'
  readonly sandbox = true

  async collect(request: FundingRequest): Promise<{ providerReference: string }> {
    return { providerReference: this.reference('in', request) }
  }

  async payOut(request: FundingRequest): Promise<{ providerReference: string }> {
    return { providerReference: this.reference('out', request) }
  }

  private reference(direction: string, request: FundingRequest): string {
    const digest = crypto.createHash('sha256').update(`${direction}:${request.reference}`).digest('hex')
    return `sandbox-${direction}-${digest.slice(0, 16)}`
  }
}
