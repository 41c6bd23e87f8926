import { describe, expect, it } from 'vitest'
import { EventHub } from '../../../src/server/events/hub.js'
import type { DomainEvent } from '../../../src/server/events/types.js'

const event: DomainEvent = { type: 'friend_request.sent', requestId: 'r1', fromId: 'a', toId: 'b', message: null }

describe('the domain event hub', () => {
  it('runs listeners after the emitter has moved on, and logs a failing one without stopping the others', async () => {
    const errors: unknown[] = []
    const hub = new EventHub({ error: (details: unknown) => errors.push(details) })
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
    const hub = new EventHub({ error: () => undefined })
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
})
