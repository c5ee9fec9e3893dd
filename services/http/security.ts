// HTTP hardening in one plugin, registered before any route:
// - every mutating /api route must name a role (registration fails otherwise),
// - security headers (@fastify/helmet; the CSP also serves the swagger UI at
//   /docs, which loads only same-origin scripts),
// - @fastify/rate-limit on routes that ask for it (`config.throttle`), e.g.
//   redemptions per staff member,
// - repeated authentication failures per address: after N bad or missing
//   tokens in a minute, /api answers 429 AUTH_THROTTLED with Retry-After
//   until the window ends, before any token is looked at.
// Request size: fastify's bodyLimit (services/http/app.ts) answers 413.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import { DomainError } from '../errors.ts'

/** Named rate-limit policies a route can ask for in its config. */
export type ThrottlePolicy = 'redeem'

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin, with the role it declares: who may do what. */
    routeRoles: RouteRole[]
  }
  interface FastifyContextConfig {
    /** A rate limit beyond authentication (see services/http/security.ts). */
    throttle?: ThrottlePolicy
  }
}

export interface RouteRole { method: string, url: string, role: string | undefined, public: boolean, /** a resident's route: a resident token instead of a role */ resident: boolean }

export interface HttpSecurityOptions {
  /** Served over HTTPS: send HSTS and let the CSP upgrade insecure requests. */
  https: boolean
  /** Failed authentications (401) per address per minute before /api answers 429. 0 = off. */
  authFailuresPerMinute: number
  /** Redemptions per staff member per minute. 0 = off. */
  redemptionsPerMinute: number
}

export const defaultHttpSecurity: HttpSecurityOptions = { https: false, authFailuresPerMinute: 20, redemptionsPerMinute: 30 }

const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const minuteMs = 60_000

function methodsOf (route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method]
}

/** A mutating /api route without `config.role` would silently default; refuse to start instead. */
export function assertRouteHasRole (route: Pick<RouteOptions, 'method' | 'url' | 'config'>): void {
  const config = route.config as { role?: string, public?: boolean, resident?: boolean } | undefined
  // a resident's route has no staff role: its caller is the resident the token names
  if (!route.url.startsWith('/api/') || config?.public === true || config?.resident === true) return
  const mutating = methodsOf(route as RouteOptions).filter(m => mutatingMethods.has(m))
  if (mutating.length > 0 && config?.role == null) {
    throw new Error(`${mutating.join(',')} ${route.url} changes state but declares no role (config.role)`)
  }
}

/** A route anyone may call without a credential: outside /api (health, metrics, docs), or marked `config.public`. */
export function isPublicRoute (url: string, config: { public?: boolean } | undefined): boolean {
  return !url.startsWith('/api/') || config?.public === true
}

function needsToken (request: FastifyRequest): boolean {
  const url = request.routeOptions.url
  return url != null && !isPublicRoute(url, request.routeOptions.config)
}

export default fp(async (app: FastifyInstance, options: Partial<HttpSecurityOptions>) => {
  const opts: HttpSecurityOptions = { ...defaultHttpSecurity, ...options }

  const routeRoles: RouteRole[] = []
  app.decorate('routeRoles', routeRoles)
  app.addHook('onRoute', route => {
    assertRouteHasRole(route)
    const config = route.config as { role?: string, public?: boolean, resident?: boolean } | undefined
    for (const method of methodsOf(route)) routeRoles.push({ method, url: route.url, role: config?.role, public: config?.public === true, resident: config?.resident === true })
    // runs before @fastify/rate-limit's own onRoute hook, which reads config.rateLimit
    if (route.config?.throttle === 'redeem' && opts.redemptionsPerMinute > 0) {
      route.config = {
        ...route.config,
        rateLimit: {
          max: opts.redemptionsPerMinute,
          timeWindow: minuteMs,
          hook: 'preHandler', // after authentication: the key is the staff member
          keyGenerator: (request: FastifyRequest) => `redeem:${request.staff?.id ?? request.ip}`
        }
      }
    }
  })

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // the swagger UI (/docs) loads its scripts and styles from this origin; it has no inline scripts
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // on plain HTTP, upgrading would break the docs page's own requests
        upgradeInsecureRequests: opts.https ? [] : null
      }
    },
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false
  })

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new DomainError('RATE_LIMITED', `rate limit: at most ${context.max} per ${context.after}; retry after ${Math.ceil(context.ttl / 1000)} s`)
  })

  if (opts.authFailuresPerMinute > 0) {
    const authFailures = app.createRateLimit({
      max: opts.authFailuresPerMinute,
      timeWindow: minuteMs,
      keyGenerator: (request: FastifyRequest) => `auth-failures:${request.ip}`
    })
    // before the auth plugin's onRequest (this plugin is registered first): a throttled address costs no token lookup
    app.addHook('onRequest', async (request, reply) => {
      if (!needsToken(request)) return
      const state = await authFailures(request, { increment: false })
      if (state.isAllowed || state.remaining > 0) return
      reply.header('retry-after', String(Math.max(1, state.ttlInSeconds)))
      request.log.warn({ ip: request.ip }, 'request refused: too many failed authentications from this address')
      throw new DomainError('AUTH_THROTTLED')
    })
    app.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode === 401 && needsToken(request)) await authFailures(request)
    })
  }
}, { name: 'http-security' })
