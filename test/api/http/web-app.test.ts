import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/app.js'

describe('serving the web app', () => {
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-web-'))
  let testApp: TestApp
  beforeAll(async () => {
    fs.mkdirSync(path.join(webRoot, 'assets'))
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>LifeCircle</title>')
    fs.writeFileSync(path.join(webRoot, 'assets', 'app-1a2b.js'), 'console.log(1)')
    fs.writeFileSync(path.join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {})')
    testApp = await createTestApp({ webRoot })
  })
  afterAll(async () => {
    await testApp.close()
    fs.rmSync(webRoot, { recursive: true, force: true })
  })
  const get = (url: string, method: 'GET' | 'HEAD' = 'GET') => testApp.app.inject({ method, url })

  it('answers client-side routes with index.html, revalidated, for GET and HEAD', async () => {
    for (const url of ['/', '/wallet', '/circle/compose?x=1']) {
      const res = await get(url)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('text/html')
      expect(res.headers['cache-control']).toBe('no-cache')
    }
    expect((await get('/me', 'HEAD')).statusCode).toBe(200)
  })

  it('caches hashed assets for a year and the service worker not at all', async () => {
    expect((await get('/assets/app-1a2b.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await get('/sw.js')).headers['cache-control']).toBe('no-cache')
  })

  it('keeps unknown files and API paths as JSON 404s', async () => {
    for (const url of ['/missing.png', '/api/v1/nothing']) {
      const res = await get(url)
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('NOT_FOUND')
    }
  })
})
