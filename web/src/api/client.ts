// The one HTTP client of the pages: same-origin fetch to /api with the session
// cookie, the session's CSRF token on every write, and API errors turned into
// ApiError with the server's code (the pages translate codes, not messages).
export class ApiError extends Error {
  override name = 'ApiError'
  /** `details` as the API sent it: for VALIDATION_FAILED the issues, each naming its field (web/src/field-errors.ts). */
  constructor (readonly status: number, readonly code: string, message: string, readonly details?: unknown) { super(message) }
}

let csrfToken: string | null = null
/** Called with every 401: the session is gone (expired, signed out elsewhere). */
let onUnauthenticated: () => void = () => {}

export function setCsrfToken (token: string | null): void { csrfToken = token }
export function onSessionLost (handler: () => void): void { onUnauthenticated = handler }

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export async function request<T> (method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json', ...headers }
  if (body !== undefined) h['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken != null) h['x-csrf-token'] = csrfToken
  const res = await fetch(`/api${path}`, { method, headers: h, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
  if (res.status === 204) return undefined as T
  const type = res.headers.get('content-type') ?? ''
  const payload: unknown = type.includes('application/json') ? await res.json() : await res.text()
  if (!res.ok) {
    const error = (payload as { error?: { code?: string, message?: string, details?: unknown } } | null)?.error
    if (res.status === 401 && path !== '/session') onUnauthenticated()
    throw new ApiError(res.status, error?.code ?? 'HTTP_' + String(res.status), error?.message ?? res.statusText, error?.details)
  }
  return payload as T
}
