import crypto from 'node:crypto'
import WebSocket from 'ws'
import { makeIdNumber } from '../../helpers/id-numbers.js'
import { uniquePhone } from '../../helpers/app.js'
import { sleep } from './processes.js'

export const PIN = '482916'

export interface Reply {
  status: number
  body: any
}

let addressCounter = 0

/**
 * A person using the API through nginx, from an address of their own (as the proxy reports it in X-Forwarded-For),
 * so that per-address limits treat the test's people as the separate clients they stand for.
 */
export class Person {
  id = ''
  token = ''
  readonly address = `198.51.${Math.floor(++addressCounter / 250)}.${(addressCounter % 250) + 1}`

  constructor(readonly baseUrl: string) {}

  /** Throws on a network failure (connection refused or cut): the caller decides whether that is worth a retry. */
  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        'x-forwarded-for': this.address,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }

  async expect(status: number, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const reply = await this.call(method, path, body, headers)
    if (reply.status !== status) {
      throw new Error(`${method} ${path}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`)
    }
    return reply.body
  }

  /** Registered, real name verified (which opens the wallet), PIN set, and topped up with `fen`. */
  static async withWallet(baseUrl: string, fen: number): Promise<Person> {
    const person = new Person(baseUrl)
    const phone = uniquePhone()
    const { sandboxCode } = await person.expect(202, 'POST', '/auth/codes', { phone, purpose: 'register' })
    const registered = await person.expect(201, 'POST', '/auth/register', {
      phone,
      code: sandboxCode,
      password: 'correct-horse-9',
      displayName: '故障测试',
    })
    person.id = registered.user.id
    person.token = registered.token
    await person.expect(200, 'POST', '/me/real-name', { name: '王小明', idNumber: makeIdNumber() })
    await person.expect(204, 'PUT', '/me/pin', { pin: PIN })
    if (fen > 0) await person.expect(201, 'POST', '/wallet/topups', { amount: fen }, { 'idempotency-key': key() })
    return person
  }

  async befriend(other: Person): Promise<string> {
    const request = await this.expect(201, 'POST', '/friend-requests', { toUserId: other.id })
    await other.expect(200, 'POST', `/friend-requests/${request.id}/accept`)
    const conversation = await this.call('POST', '/conversations', { userId: other.id })
    if (conversation.status !== 201 && conversation.status !== 200)
      throw new Error(`conversation: ${conversation.status}`)
    return conversation.body.id as string
  }

  /**
   * Sends a money-moving request until it is acknowledged, with the same Idempotency-Key every time, as a client
   * must when a response is lost (a dead process, a 502 from nginx, a 503 while the database is away).
   */
  async untilAcknowledged(
    path: string,
    body: unknown,
    idempotencyKey = key(),
  ): Promise<{ reply: Reply; tries: number }> {
    for (let tries = 1; tries <= 60; tries++) {
      const reply = await this.call('POST', path, body, { 'idempotency-key': idempotencyKey }).catch(() => undefined)
      if (reply && reply.status < 500) return { reply, tries }
      await sleep(100 * Math.min(tries, 10))
    }
    throw new Error(`${path} with key ${idempotencyKey} was never acknowledged`)
  }

  /** Every message of a conversation after `afterSeq`, oldest first, following the cursor. */
  async messagesAfter(conversationId: string, afterSeq: number): Promise<Array<{ id: string; seq: number }>> {
    const found: Array<{ id: string; seq: number }> = []
    let cursor: string | null = null
    do {
      const page: any = await this.expect(
        200,
        'GET',
        `/conversations/${conversationId}/messages?afterSeq=${afterSeq}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      found.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return found
  }
}

export function key(): string {
  return crypto.randomUUID()
}

/**
 * A client socket that behaves as the web app's does: it reconnects when dropped, and on every `ready` it fetches what
 * it missed in one conversation; a pushed message with a gap before it fetches the gap first. `seqs` is the history it
 * ends up showing, which must be the server's exactly: every message once, in order.
 */
export class ResumingSocket {
  readonly seqs: number[] = []
  /** Messages that arrived as pushed frames (not fetched), by seq. */
  readonly pushed = new Set<number>()
  readies = 0
  drops = 0
  socket: WebSocket | undefined
  private queue = Promise.resolve()
  private stopped = false
  problems: string[] = []

  constructor(
    private readonly person: Person,
    private readonly conversationId: string,
  ) {}

  async open(): Promise<void> {
    const readyBefore = this.readies
    this.connect()
    const deadline = Date.now() + 10_000
    while (this.readies === readyBefore) {
      if (Date.now() > deadline) throw new Error('socket never became ready')
      await sleep(20)
    }
  }

  get last(): number {
    return this.seqs.at(-1) ?? 0
  }

  /** Waits until the history shown reaches `seq` (through pushes, catch-up, or both). */
  async reaches(seq: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.last < seq) {
      if (Date.now() > deadline) throw new Error(`socket history stops at ${this.last}, expected ${seq}`)
      await sleep(20)
    }
    await this.queue
  }

  close(): void {
    this.stopped = true
    this.socket?.terminate()
  }

  private connect(): void {
    const url = `${this.person.baseUrl.replace(/^http/, 'ws')}/api/v1/ws?token=${encodeURIComponent(this.person.token)}`
    const socket = new WebSocket(url, { headers: { 'x-forwarded-for': this.person.address } })
    this.socket = socket
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as { type: string; data: any }
      if (frame.type === 'ready') this.enqueue(() => this.catchUp().then(() => void (this.readies += 1)))
      if (frame.type === 'message.new' && frame.data.conversationId === this.conversationId) {
        this.enqueue(() => this.received(frame.data.seq as number))
      }
    })
    socket.on('error', () => undefined)
    socket.on('close', () => {
      if (this.stopped || this.socket !== socket) return
      this.drops += 1
      setTimeout(() => this.connect(), 100 + Math.random() * 200)
    })
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      // A failed catch-up (the process died under it) is repaired by the `ready` of the next connection.
      this.problems.push(String(error))
    })
  }

  private async catchUp(): Promise<void> {
    for (const message of await this.person.messagesAfter(this.conversationId, this.last)) this.apply(message.seq)
  }

  private async received(seq: number): Promise<void> {
    if (seq <= this.last) return
    if (seq > this.last + 1) await this.catchUp()
    if (seq === this.last + 1) {
      this.apply(seq)
      this.pushed.add(seq)
    }
  }

  private apply(seq: number): void {
    if (seq <= this.last) return
    this.seqs.push(seq)
  }
}
