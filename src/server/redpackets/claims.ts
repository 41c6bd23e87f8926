import type { Actor } from '../accounts/service.js'
import type { ChatService } from '../chat/service.js'
import type { Db } from '../db/database.js'
import { isUniqueViolation } from '../db/errors.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import type { IdempotencyScope, StoredResponse } from '../idempotency/service.js'
import { SYSTEM_ACCOUNTS, walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import type { EventHub } from '../events/hub.js'
import type { Push } from '../realtime/push.js'
import { refusal } from '../wallet/outcome.js'
import { AlreadyClaimedError, RedPacketEmptyError, RedPacketExpiredError } from './errors.js'
import { ClaimGate, type ClaimOutcome, type ClosedState } from './gate.js'
import { findClaim, findPacket, recordClaim, takeShare } from './store.js'

/** What never changes once a packet is sent: all a claim needs to know before the ledger. */
interface PacketFacts {
  id: string
  conversationId: string
  senderId: string
  count: number
  expiresAt: number
  shares: number[]
  greeting: string
  /** claimed_count when it was read: a lower bound from then on. */
  claimedAtLeast: number
}

export interface ClaimDeps {
  db: Db
  ledger: LedgerService
  chat: ChatService
  push: Push
  events: EventHub
  clock: () => number
}

const PACKETS_REMEMBERED = 2_000

/**
 * The claim path, built for a hot spot: hundreds of members grabbing one packet at the same instant. Per claim it
 * reads only what may have changed (the session, the idempotency key, whether the claimer is still in the chat); the
 * packet's fixed facts are kept in memory; the gate lets through to the ledger only as many claims as there may be
 * shares left and answers the rest from memory once the packet is empty. Those that go are ledger commands, so they
 * are written in a few group-committed batches, the packet row's guarded counter letting exactly `count` of them win.
 */
export class RedPacketClaims {
  readonly gate = new ClaimGate(PACKETS_REMEMBERED)
  private readonly facts = new Map<string, PacketFacts>()

  constructor(private readonly deps: ClaimDeps) {}

  /** Takes the next share for a member who has none yet. */
  async claim(actor: Actor, packetId: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const packet = await this.packet(packetId)
    const conversation = await this.deps.chat.requireMember(actor, packet.conversationId)
    // In a direct chat the packet is for the other one; in a group the sender may grab too, as in WeChat.
    if (conversation.kind === 'direct' && packet.senderId === actor.id) throw new ForbiddenError()
    if (this.gate.wonHere(packet.id, actor.id)) throw new AlreadyClaimedError()
    const admission = await this.gate.enter(packet.id, packet.count, packet.claimedAtLeast)
    if (!admission.go) return this.lateClaim(actor, packet.id, admission.closed)
    let outcome: ClaimOutcome = 'missed'
    let taken: { response: StoredResponse; amount: number; finished: boolean }
    try {
      taken = await this.takeShare(actor, packet, scope)
      const code = (taken.response.body as { error?: { code?: string } }).error?.code
      if (taken.response.status === 200) outcome = 'took'
      else if (code === 'RED_PACKET_EMPTY') outcome = 'finished'
      else if (code === 'RED_PACKET_EXPIRED') outcome = 'expired'
    } finally {
      admission.ticket.leave(outcome, actor.id)
    }
    if (outcome === 'took') {
      this.deps.events.emit({
        type: 'red_packet.claimed',
        packetId: packet.id,
        senderId: packet.senderId,
        actorId: actor.id,
        amount: taken.amount,
        greeting: packet.greeting,
      })
      await this.announce(packet, actor.id, taken.amount, taken.finished)
    }
    return taken.response
  }

  /** The expiry sweep settled it: late claimers need not ask the database. */
  closed(packetId: string, state: ClosedState): void {
    this.gate.close(packetId, state)
  }

  private async takeShare(actor: Actor, packet: PacketFacts, scope: IdempotencyScope) {
    const now = this.deps.clock()
    let amount = 0
    let finished = false
    const toResponse = (result: Parameters<typeof refusal>[0]): StoredResponse =>
      refusal(result) ?? { status: 200, body: { amount, currency: 'CNY' } }
    const transfer = {
      id: `red-packet-claim:${packet.id}:${actor.id}`,
      kind: 'single' as const,
      debitAccountId: SYSTEM_ACCOUNTS.redPackets,
      creditAccountId: walletAccountId(actor.id),
      amount: 1,
      code: 'red_packet' as const,
      refType: 'red_packet',
      refId: packet.id,
    }
    const result = await this.deps.ledger.submit({
      transfers: [transfer],
      // Each statement here is a round trip inside the batch, one claim after another, so the winner's path has as
      // few as it can: the claims table's key refuses a second claim by the same person (the savepoint the ledger
      // wraps effects in undoes the share taken), and only a refusal asks whether it was one.
      effects: async (trx) => {
        const index = await takeShare(trx, packet.id, now)
        if (index === undefined) {
          if (await findClaim(trx, packet.id, actor.id)) throw new AlreadyClaimedError()
          throw packet.expiresAt <= now ? new RedPacketExpiredError() : new RedPacketEmptyError()
        }
        amount = packet.shares[index]!
        finished = index === packet.count - 1
        const claim = { packet_id: packet.id, user_id: actor.id, share_index: index, amount, claimed_at: now }
        try {
          await recordClaim(trx, claim, finished)
        } catch (error) {
          throw isUniqueViolation(error) ? new AlreadyClaimedError() : error
        }
        return [{ ...transfer, amount }]
      },
      remember: { ...scope, response: toResponse },
    })
    return { response: toResponse(result), amount, finished }
  }

  private async packet(packetId: string): Promise<PacketFacts> {
    const known = this.facts.get(packetId)
    if (known) return known
    const row = await findPacket(this.deps.db, packetId)
    if (!row) throw new NotFoundError()
    const facts: PacketFacts = {
      id: row.id,
      conversationId: row.conversation_id,
      senderId: row.sender_id,
      count: Number(row.count),
      expiresAt: Number(row.expires_at),
      shares: JSON.parse(row.shares) as number[],
      greeting: row.greeting,
      claimedAtLeast: Number(row.claimed_count),
    }
    this.facts.set(packetId, facts)
    if (this.facts.size > PACKETS_REMEMBERED) this.facts.delete(this.facts.keys().next().value!)
    return facts
  }

  private async lateClaim(actor: Actor, packetId: string, closed: ClosedState): Promise<never> {
    // When this process saw every share go, it knows every winner; otherwise the claims table does.
    const won =
      this.gate.closed(packetId)?.wonBy(actor.id) ?? (await findClaim(this.deps.db, packetId, actor.id)) !== undefined
    if (won) throw new AlreadyClaimedError()
    throw closed === 'expired' ? new RedPacketExpiredError() : new RedPacketEmptyError()
  }

  private async announce(packet: PacketFacts, userId: string, amount: number, finished: boolean) {
    const data = { packetId: packet.id, conversationId: packet.conversationId, userId, amount, finished }
    // Each claim concerns the sender and the claimer; the packet running out concerns everyone who may still try.
    const to = finished ? await this.deps.chat.membersOfConversation(packet.conversationId) : [packet.senderId, userId]
    await this.deps.push.toUsers(to, { type: 'red_packet.claimed', data })
  }
}
