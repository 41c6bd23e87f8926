import { describe, expect, it } from 'vitest'
import { EventHub } from '../../../src/server/events/hub.js'
import type { DomainEvent } from '../../../src/server/events/types.js'

const event: DomainEvent = { type: 'friend_request.sent', requestId: 'r1', fromId: 'a', toId: 'b', message: null }

describe('the domain event hub', () => {
  it('runs listeners after the emitter has moved on, and logs a failing one without stopping the others', async () => {
    const errors: unknown[] = []
    const hub = new EventHub({ error: (details: unknown) => errors.push(details) }, () => 1)
    const heard: string[] = []
    hub.on(async () => {
      throw new Error('listener broke')
    })
    hub.on(async (e) => {
      heard.push(e.type)
    })
    hub.emit(event)
    expect(heard).toEqual([])
    await hub.idle()
    expect(heard).toEqual(['friend_request.sent'])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ event: 'friend_request.sent' })
  })

  it('idle waits for listeners that emit in turn', async () => {
    const hub = new EventHub({ error: () => undefined }, () => 1)
    const heard: string[] = []
    hub.on(async (e) => {
      heard.push(e.type)
      if (e.type === 'friend_request.sent') {
        hub.emit({ type: 'friend_request.accepted', requestId: 'r1', fromId: 'a', toId: 'b' })
      }
    })
    hub.emit(event)
    await hub.idle()
    expect(heard).toEqual(['friend_request.sent', 'friend_request.accepted'])
  })

  it('stamps each event when it is emitted, with ids that increase in the order of emits', async () => {
    let now = 5
    const hub = new EventHub({ error: () => undefined }, () => now)
    const stamps: Array<{ id: string; at: number }> = []
    hub.on(async (_, stamp) => {
      stamps.push(stamp)
    })
    hub.emit(event)
    now = 9
    hub.emit(event)
    hub.emit(event)
    now = 20
    await hub.idle()
    expect(stamps.map((s) => s.at)).toEqual([5, 9, 9])
    expect(stamps.map((s) => s.id)).toEqual(stamps.map((s) => s.id).sort())
    expect(new Set(stamps.map((s) => s.id)).size).toBe(3)
  })
})
