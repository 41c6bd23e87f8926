/** System accounts: the funding provider (the outside world, the only account that may go negative) and holdings. */
export const SYSTEM_ACCOUNTS = {
  funding: 'system:funding',
  escrow: 'system:escrow',
  redPackets: 'system:red-packets',
  collections: 'system:collections',
  fees: 'system:fees',
} as const

export function walletAccountId(userId: string): string {
  return `wallet:${userId}`
}

export function userIdOfWallet(accountId: string): string | undefined {
  return accountId.startsWith('wallet:') ? accountId.slice('wallet:'.length) : undefined
}
