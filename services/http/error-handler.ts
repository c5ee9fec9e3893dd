// One mapping from errors to HTTP: DomainError → its status and code; request
// validation → 400 VALIDATION_FAILED with the issues (a missing required header
// with a code of its own → that code); fastify's own 4xx →
// the same body with a code; anything else → 500 INTERNAL and a log line.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import type { ErrorBody } from '../../schemas/http.ts'
import { errorCodes, type ErrorCode } from '../../schemas/error-codes.ts'
import { DomainError } from '../errors.ts'

function body (code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

function codeForFastify (err: FastifyError, status: number): ErrorCode {
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) return 'MALFORMED_JSON'
  if (status === 401) return 'UNAUTHENTICATED'
  if (status === 403) return 'FORBIDDEN'
  if (status === 404) return 'NOT_FOUND'
  if (status === 413) return 'PAYLOAD_TOO_LARGE'
  if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'UNSUPPORTED_MEDIA_TYPE'
  return 'BAD_REQUEST'
}

/** Required headers whose absence has its own code (the OpenAPI document marks them required). */
const missingHeaderCodes: Partial<Record<string, ErrorCode>> = { 'idempotency-key': 'IDEMPOTENCY_KEY_REQUIRED' }

function missingHeaderCode (request: FastifyRequest, context: string | undefined, paths: string[]): ErrorCode | undefined {
  if (context !== 'headers') return undefined
  const missing = paths.map(p => p.replace(/^\//, '')).find(name => missingHeaderCodes[name] != null && request.headers[name] == null)
  return missing == null ? undefined : missingHeaderCodes[missing]
}

/** The numeric bound a too_small / too_big number broke, so a page can say it in its own language (a string's or list's length is not meant). */
function limitsOf (params: Record<string, unknown> | undefined): { minimum?: number, maximum?: number } {
  if (!['number', 'int', 'bigint'].includes(String(params?.origin))) return {}
  const bound = (v: unknown) => typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined
  const minimum = bound(params?.minimum)
  const maximum = bound(params?.maximum)
  return { ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) }
}

export function installErrorHandlers (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof DomainError) {
      if (err.statusCode >= 500) request.log.error({ err }, 'domain error with server status')
      return reply.code(err.statusCode).send(body(err.code, err.message, err.details))
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map(v => ({ in: err.validationContext, path: v.instancePath, code: v.keyword, message: v.message, ...limitsOf(v.params) }))
      const headerCode = missingHeaderCode(request, err.validationContext, issues.map(i => i.path))
      if (headerCode != null) return reply.code(400).send(body(headerCode, errorCodes[headerCode]))
      const first = issues[0]
      return reply.code(400).send(body('VALIDATION_FAILED', `${first?.in ?? 'request'}${first?.path ?? ''}: ${first?.message ?? 'invalid'}`, issues))
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500
    if (status >= 400 && status < 500) {
      return reply.code(status).send(body(codeForFastify(err, status), err.message))
    }
    request.log.error({ err }, 'request failed')
    return reply.code(500).send(body('INTERNAL', 'internal error'))
  })

  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send(body('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`))
  })
}
