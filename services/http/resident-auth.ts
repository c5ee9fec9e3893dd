// Authentication of residents' phones on the /api/resident/… routes (those
// with `config: { resident: true }`): `Authorization: Bearer <resident token>`
// (services/residents/resident-tokens.ts), else 401. The staff hook skips
// these routes, and a staff token or cookie is no resident token, so neither
// kind of caller can use the other's routes. Bad tokens count toward the
// per-address authentication throttle like staff ones (services/http/security.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError } from '../errors.ts'
import { residentByToken } from '../residents/resident-tokens.ts'
import type { Resident } from '../residents/tables.ts'
import { bearer } from './auth.ts'

declare module 'fastify' {
  interface FastifyRequest {
    resident: Resident | null
    /** The bearer token that authenticated the resident (sign-out revokes it). */
    residentToken: string | null
  }
}

/** The resident of an authenticated resident request. */
export function residentOf (request: FastifyRequest): Resident {
  if (request.resident == null) throw new DomainError('UNAUTHENTICATED', 'missing, expired or revoked resident token')
  return request.resident
}

export default fp(async (app: FastifyInstance) => {
  app.decorateRequest('resident', null)
  app.decorateRequest('residentToken', null)
  app.addHook('onRequest', async request => {
    if (request.routeOptions.config.resident !== true) return
    const token = bearer(request.headers.authorization)
    const resident = token == null ? undefined : await residentByToken(app.db, token)
    if (token == null || resident == null) throw new DomainError('UNAUTHENTICATED', 'missing, expired or revoked resident token')
    request.resident = resident
    request.residentToken = token
    request.log = request.log.child({ residentId: resident.id })
  })
}, { name: 'resident-auth', dependencies: ['db', 'auth'] })
