import { newHistogram, nowMs } from '../chat/receiver.js'

const BATCH = Buffer.from('{"type":"danmaku.batch"')
const BENCH_TEXT = Buffer.from('"text":"bench ')
const DROPPED = Buffer.from('"dropped":')
const CREATED_AT = Buffer.from('"createdAt":"')
const QUOTE = 0x22

/**
 * Every bench danmaku that reaches any socket, read straight from the frame's bytes. Ten thousand sockets each get
 * the same batch ten times a second (and, naive, a frame per danmaku): parsing each frame as JSON would make the
 * load generator, not the server, the bottleneck. The bench's own text (`bench <n> <scheduled ms>`) is found by
 * searching the bytes; the server writes the frames, so their shape is known.
 */
export class DeliveryLog {
  readonly latency = newHistogram()
  /** From the danmaku's `createdAt` (stamped by the server just before storing it) to its arrival. */
  readonly fromStored = newHistogram()
  duplicates = 0
  droppedMax = 0
  private readonly received: Uint32Array
  /** One byte per socket per danmaku: has this socket had it already? */
  private readonly seen: Uint8Array
  private readonly dropped: Uint32Array
  /** Each danmaku's `createdAt`, parsed once (NaN until then). */
  private readonly storedAt: Float64Array

  constructor(
    sockets: number,
    private readonly danmaku: number,
  ) {
    this.received = new Uint32Array(danmaku)
    this.seen = new Uint8Array(sockets * danmaku)
    this.dropped = new Uint32Array(sockets)
    this.storedAt = new Float64Array(danmaku).fill(Number.NaN)
  }

  /** False when the frame is not a danmaku batch (the caller reads those). */
  record(socket: number, frame: Buffer): boolean {
    if (frame.length < BATCH.length || frame.compare(BATCH, 0, BATCH.length, 0, BATCH.length) !== 0) return false
    const at = nowMs()
    for (let i = frame.indexOf(BENCH_TEXT); i >= 0; i = frame.indexOf(BENCH_TEXT, i + 1)) {
      const start = i + BENCH_TEXT.length
      const end = frame.indexOf(QUOTE, start)
      const [n, scheduled] = frame.toString('latin1', start, end).split(' ').map(Number)
      if (!Number.isInteger(n) || n! < 0 || n! >= this.danmaku) continue
      const key = socket * this.danmaku + n!
      if (this.seen[key]) {
        this.duplicates++
        continue
      }
      this.seen[key] = 1
      this.received[n!]!++
      this.latency.recordValue(Math.max(1, Math.round((at - scheduled!) * 1000)))
      if (Number.isNaN(this.storedAt[n!])) {
        const c = frame.indexOf(CREATED_AT, end) + CREATED_AT.length
        this.storedAt[n!] = Date.parse(frame.toString('latin1', c, c + 24))
      }
      this.fromStored.recordValue(Math.max(1, Math.round((at - this.storedAt[n!]!) * 1000)))
    }
    const d = frame.indexOf(DROPPED)
    if (d >= 0) {
      this.dropped[socket]! += parseInt(frame.toString('latin1', d + DROPPED.length, d + DROPPED.length + 12), 10)
      this.droppedMax = Math.max(this.droppedMax, this.dropped[socket]!)
    }
    return true
  }

  /** Deliveries of acknowledged danmaku, at most one per joined socket each. */
  receivedOf(acknowledged: Uint8Array, sockets: number): number {
    let got = 0
    for (let n = 0; n < this.danmaku; n++) if (acknowledged[n]) got += Math.min(this.received[n]!, sockets)
    return got
  }
}
