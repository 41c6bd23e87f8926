// LifeCircle service worker: the app shell works offline; the API never touches a cache.
//  - navigations: network first, falling back to the last cached shell when offline
//  - /assets/*: content-hashed build files, cache first (a new build has new names)
//  - everything else, and every /api/ request: straight to the network
const SHELL_CACHE = 'lifecircle-shell-v1'
const ASSET_CACHE = 'lifecircle-assets-v1'
const SHELL_URL = '/'
const ASSET_LIMIT = 60

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.add(new Request(SHELL_URL, { cache: 'reload' })))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  const keep = new Set([SHELL_CACHE, ASSET_CACHE])
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => !keep.has(name)).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return

  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request))
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirstAsset(request))
  }
})

async function networkFirstShell(request) {
  const cache = await caches.open(SHELL_CACHE)
  try {
    const response = await fetch(request)
    const type = response.headers.get('Content-Type') || ''
    if (response.ok && type.includes('text/html')) await cache.put(SHELL_URL, response.clone())
    return response
  } catch (error) {
    const shell = await cache.match(SHELL_URL)
    if (shell) return shell
    throw error
  }
}

async function cacheFirstAsset(request) {
  const cache = await caches.open(ASSET_CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) {
    await cache.put(request, response.clone())
    await trim(cache)
  }
  return response
}

// Old builds' assets pile up otherwise: keep the most recently added ones.
async function trim(cache) {
  const keys = await cache.keys()
  await Promise.all(keys.slice(0, Math.max(0, keys.length - ASSET_LIMIT)).map((key) => cache.delete(key)))
}
