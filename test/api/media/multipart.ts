import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Json } from '../../helpers/app.js'

export interface Part {
  name: string
  data: Buffer | string
  filename?: string
  contentType?: string
}

/** A multipart/form-data body built by hand: boundary, part headers, raw bytes. */
export function multipartBody(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----lifecircle${crypto.randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`
    const headers = [`Content-Disposition: ${disposition}`]
    if (part.contentType) headers.push(`Content-Type: ${part.contentType}`)
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`))
    chunks.push(typeof part.data === 'string' ? Buffer.from(part.data) : part.data)
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** POST /api/v1/media with one part named `file` (or the parts given). */
export async function upload(
  app: FastifyInstance,
  token: string | undefined,
  file: Buffer | string | Part[],
  options: { filename?: string; contentType?: string } = {},
): Promise<Json> {
  const parts = Array.isArray(file)
    ? file
    : [
        {
          name: 'file',
          data: file,
          filename: options.filename ?? 'photo.jpg',
          contentType: options.contentType ?? 'image/jpeg',
        },
      ]
  const { payload, contentType } = multipartBody(parts)
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/media',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload,
  })
  const text = response.body
  return { status: response.statusCode, body: text ? JSON.parse(text) : undefined, headers: response.headers }
}

/** Every file stored under DATA_DIR/media. */
export function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'media')
  if (!fs.existsSync(root)) return []
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(root, name))
    .filter((file) => fs.statSync(file).isFile())
}
