import { errorCodes, type FastifyInstance } from 'fastify'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * JSON text is UTF-8 (RFC 8259). Fastify's own parser decodes bytes that are not with U+FFFD in their place, so a name
 * sent with a stray 0xFF would be kept as something nobody typed: such a body is refused as malformed JSON instead.
 * The rest is Fastify's, unchanged: the body limit, empty bodies, broken JSON, prototype poisoning.
 */
export function installStrictJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  )
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string
    try {
      text = utf8.decode(body as Buffer)
    } catch {
      done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined)
      return
    }
    // Fastify's parser answers through `done`; its type also allows a promise-returning parser, which it is not.
    void parse(request, text, done)
  })
}
