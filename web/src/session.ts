// Who is signed in and which site the pages show. The CSRF token lives in
// memory only (the cookie is httpOnly); a reload gets it back from GET /api/session.
import { reactive } from 'vue'
import { ApiError, setCsrfToken } from './api/client.ts'
import { api } from './api/endpoints.ts'
import type { Site, Staff } from './api/types.ts'

export const session = reactive({
  staff: null as Staff | null,
  sites: [] as Site[],
  siteId: null as string | null,
  checked: false
})

async function adopt (staff: Staff, csrfToken: string | null): Promise<void> {
  setCsrfToken(csrfToken)
  session.staff = staff
  session.sites = (await api.sites()).sites
  const remembered = localStorage.getItem('siteId')
  session.siteId = staff.siteId ?? session.sites.find(s => s.id === remembered)?.id ?? session.sites[0]?.id ?? null
}

/** Asks the server once per page load whether the cookie still holds a session. */
export async function loadSession (): Promise<void> {
  if (session.checked) return
  try {
    const current = await api.session()
    await adopt(current.staff, current.csrfToken)
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err
  } finally {
    session.checked = true
  }
}

export async function signIn (username: string, password: string): Promise<void> {
  const opened = await api.signIn(username, password)
  await adopt(opened.staff, opened.csrfToken)
  session.checked = true
}

export async function signOut (): Promise<void> {
  try { await api.signOut() } finally { forget() }
}

/** The server no longer knows the session (expired or signed out elsewhere). */
export function forget (): void {
  setCsrfToken(null)
  session.staff = null
  session.sites = []
  session.siteId = null
}

export function chooseSite (siteId: string): void {
  session.siteId = siteId
  localStorage.setItem('siteId', siteId)
}
