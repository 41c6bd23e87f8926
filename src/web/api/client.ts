import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from './api-error.js'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

interface ClientOptions {
  /** The language to send as Accept-Language, so that the server localises its error messages. */
  locale: () => string
  /** Messages for failures the server cannot describe, in the active language. */
  fallbackMessage: (code: typeof NETWORK_ERROR | typeof UNEXPECTED_RESPONSE) => string
}

let options: ClientOptions = {
  locale: () => 'en',
  fallbackMessage: (code) => code,
}

export function configureApiClient(next: ClientOptions): void {
  options = next
}

/**
 * Calls `/api/v1<path>`. The session travels in the server's httpOnly cookie, never in script-visible storage.
 * Resolves with the parsed body (undefined for 204); rejects with an ApiError. `extraHeaders` carries e.g. the
 * Idempotency-Key of a money-moving POST.
 */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': options.locale(),
    ...extraHeaders,
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    })
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR, message: options.fallbackMessage(NETWORK_ERROR) })
  }
  if (response.status === 204) return undefined as T
  const parsed = await readJson(response)
  if (response.ok) return parsed as T
  throw toApiError(response.status, parsed)
}

/**
 * Sends one file as multipart/form-data (part `file`) to `/api/v1<path>`, reporting the share sent so far (0–1).
 * XMLHttpRequest rather than fetch, because only it reports upload progress.
 */
export function upload<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/v1${path}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', options.locale())
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total)
    }
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: NETWORK_ERROR, message: options.fallbackMessage(NETWORK_ERROR) }))
    xhr.onload = () => {
      const parsed = parseJson(xhr.responseText)
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T)
      else reject(toApiError(xhr.status, parsed))
    }
    const form = new FormData()
    form.append('file', file)
    xhr.send(form)
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : undefined
  if (!envelope || typeof envelope.code !== 'string' || typeof envelope.message !== 'string') {
    return new ApiError({ status, code: UNEXPECTED_RESPONSE, message: options.fallbackMessage(UNEXPECTED_RESPONSE) })
  }
  const { code, message, field, ...details } = envelope
  return new ApiError({
    status,
    code,
    message,
    field: typeof field === 'string' ? field : undefined,
    details: { ...details, ...(isRecord(body) ? omitError(body) : {}) },
  })
}

function omitError(body: Record<string, unknown>): Record<string, unknown> {
  const { error: _error, ...rest } = body
  return rest
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
