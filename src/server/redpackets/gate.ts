/**
 * A per-packet queue in front of the ledger, as WeChat serialises grabs per packet. Of the claims on one packet, at
 * most as many as it may still have shares go to the database at a time; the others wait here, and once the packet
 * is known to be empty they are refused from memory. Without it, every one of 5,000 claimers on a 1,000-share packet
 * would cost a savepoint and a guarded update inside the ledger's batch only to be told "empty".
 *
 * It only ever saves hopeless work, never decides: the packet row's guarded counter stays the authority, so several
 * processes may each run their own gate. What a gate knows is a lower bound of the shares taken (the row when it first
 * saw the packet, plus the claims it let through that won), so it may let too many claims through, never too few, and
 * it refuses only after this process saw the last share go or the database answered "empty".
 */
export type ClosedState = 'finished' | 'expired'

/** What a claim that went to the database found. */
export type ClaimOutcome = 'took' | 'missed' | ClosedState

interface PacketState {
  count: number
  /** Shares known taken: never more than the truth. */
  taken: number
  /** Claims let through and not yet answered. */
  inFlight: number
  waiting: Array<() => void>
  closed: ClosedState | undefined
  /** Who won here. Once it holds `count` people it is the whole list, and late claimers need no query. */
  winners: Set<string>
}

export interface Ticket {
  /** Answer exactly once, whatever happened to the claim (a thrown error is a miss). */
  leave(outcome: ClaimOutcome, userId: string): void
}

export type Admission = { go: true; ticket: Ticket } | { go: false; closed: ClosedState }

export class ClaimGate {
  private readonly packets = new Map<string, PacketState>()

  /** `packetsMax` bounds memory: forgetting a packet only costs its later claimers queries. */
  constructor(private readonly packetsMax = 2_000) {}

  /** Waits, if need be, until the claim may try the database, or until the packet is known to be closed. */
  async enter(packetId: string, count: number, takenAtLeast: number): Promise<Admission> {
    const state = this.state(packetId, count, takenAtLeast)
    while (!state.closed && state.inFlight >= state.count - state.taken) {
      await new Promise<void>((resolve) => state.waiting.push(resolve))
    }
    if (state.closed) return { go: false, closed: state.closed }
    state.inFlight++
    return { go: true, ticket: { leave: (outcome, userId) => this.leave(state, outcome, userId) } }
  }

  /** What this process knows about a packet that is over, if anything. */
  closed(packetId: string): { state: ClosedState; wonBy: (userId: string) => boolean | undefined } | undefined {
    const state = this.packets.get(packetId)
    if (!state?.closed) return undefined
    const complete = state.count > 0 && state.winners.size === state.count
    return { state: state.closed, wonBy: (userId) => (complete ? state.winners.has(userId) : undefined) }
  }

  /** Whether this process saw the user win the packet (false means "not here", not "never"). */
  wonHere(packetId: string, userId: string): boolean {
    return this.packets.get(packetId)?.winners.has(userId) ?? false
  }

  /** The packet is over for a reason learnt elsewhere (the expiry sweep). */
  close(packetId: string, closed: ClosedState): void {
    const state = this.packets.get(packetId)
    if (state) this.finish(state, closed)
    // Its size is unknown here (0), so its winners are never taken for the whole list.
    else this.remember(packetId, { ...emptyState(0, 0), closed })
  }

  private state(packetId: string, count: number, takenAtLeast: number): PacketState {
    const state = this.packets.get(packetId) ?? this.remember(packetId, emptyState(count, 0))
    state.taken = Math.max(state.taken, Math.min(count, takenAtLeast))
    // Taken elsewhere to the last share: nobody may wait here for a place that will never free up.
    if (state.taken >= state.count) this.finish(state, 'finished')
    return state
  }

  private remember(packetId: string, state: PacketState): PacketState {
    this.packets.set(packetId, state)
    // The oldest go first. Claims already inside hold their state and finish normally.
    if (this.packets.size > this.packetsMax) this.packets.delete(this.packets.keys().next().value!)
    return state
  }

  private leave(state: PacketState, outcome: ClaimOutcome, userId: string): void {
    state.inFlight--
    if (outcome === 'took') {
      state.taken++
      state.winners.add(userId)
      if (state.taken >= state.count) return this.finish(state, 'finished')
    } else if (outcome !== 'missed') {
      return this.finish(state, outcome)
    }
    // A claim that went and did not win leaves its place to the next in line.
    const free = state.count - state.taken - state.inFlight
    for (const wake of state.waiting.splice(0, Math.max(0, free))) wake()
  }

  private finish(state: PacketState, closed: ClosedState): void {
    state.closed ??= closed
    for (const wake of state.waiting.splice(0)) wake()
  }
}

function emptyState(count: number, taken: number): PacketState {
  return { count, taken, inFlight: 0, waiting: [], closed: undefined, winners: new Set() }
}
