import { ForbiddenError } from '../errors.js'
import type { SocialService } from '../social/service.js'

/**
 * The one social rule for money between two people, whether the actor pays (转账) or asks to be paid (收錢):
 * nobody who blocked the actor can be paid or asked by them (403 FORBIDDEN). Friendship is not required for
 * either: both screens find the other person by phone number, so floods from strangers are held back by the
 * payment-request limits instead.
 */
export async function requireMayDealWith(social: SocialService, actorId: string, otherId: string): Promise<void> {
  if (await social.hasBlocked(otherId, actorId)) throw new ForbiddenError()
}
