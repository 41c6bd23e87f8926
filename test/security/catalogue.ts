import type { FastifyInstance } from 'fastify'

/** One operation of the served OpenAPI document, with what the security suites need to know about it. */
export interface Endpoint {
  method: string
  /** Fastify's form, `/api/v1/posts/:id`, which is how the probes name it. */
  path: string
  pathParams: string[]
  queryParams: { name: string; schema: JsonSchema }[]
  body: JsonSchema | undefined
  /** The body is not JSON (multipart uploads, XML imports). */
  bodyType: string | undefined
}

export type JsonSchema = Record<string, any>

/**
 * Every operation of the app's OpenAPI document, so that an endpoint added tomorrow is in the matrix and the fuzzing
 * the moment it is registered. Schemas are resolved (`$ref` to shared schemas inlined) for the value generators.
 */
export async function catalogue(app: FastifyInstance): Promise<Endpoint[]> {
  await app.ready()
  const doc = app.swagger() as { paths: Record<string, Record<string, any>>; components?: { schemas?: any } }
  const resolve = resolver(doc.components?.schemas ?? {})
  const endpoints: Endpoint[] = []
  for (const [openApiPath, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters: any[] = operation.parameters ?? []
      const content: Record<string, any> = operation.requestBody?.content ?? {}
      const [bodyType, media] = Object.entries(content)[0] ?? []
      endpoints.push({
        method: method.toUpperCase(),
        path: openApiPath.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: resolve(p.schema) })),
        body: media?.schema ? resolve(media.schema) : undefined,
        bodyType: bodyType === 'application/json' ? undefined : bodyType,
      })
    }
  }
  return endpoints
}

export function key(endpoint: Pick<Endpoint, 'method' | 'path'>): string {
  return `${endpoint.method} ${endpoint.path}`
}

function resolver(components: Record<string, any>) {
  const resolve = (schema: any, depth = 0): any => {
    if (depth > 20 || schema === null || typeof schema !== 'object') return schema
    if (Array.isArray(schema)) return schema.map((s) => resolve(s, depth + 1))
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.split('/').pop()!.replace(/#$/, '')
      return resolve(components[name] ?? {}, depth + 1)
    }
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, resolve(v, depth + 1)]))
  }
  return resolve
}
