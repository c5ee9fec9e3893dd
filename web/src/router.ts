// Hash routes (/#/counter): the backend serves one index.html and needs no
// fallback route. Unsigned visitors go to sign-in; a page above the staff
// member's role shows "forbidden" (the API would refuse its calls anyway).
import { createRouter, createWebHashHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { pages } from './pages.ts'
import { hasRole } from './roles.ts'
import { loadSession, session } from './session.ts'
import AppLayout from './components/AppLayout.vue'
import SignInPage from './views/SignInPage.vue'
import ForbiddenPage from './views/ForbiddenPage.vue'

const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: SignInPage, meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    redirect: '/overview',
    children: [
      ...pages.map(p => ({ path: p.path.slice(1), name: p.name, component: p.component, meta: { minRole: p.minRole, titleKey: p.titleKey } })),
      { path: 'forbidden', name: 'forbidden', component: ForbiddenPage }
    ]
  },
  { path: '/:unknown(.*)', redirect: '/overview' }
]

export const router = createRouter({ history: createWebHashHistory(), routes })

/** Starts downloading a lazy page's code now; the router awaits the same (cached) import later. */
function prefetch (route: RouteLocationNormalized): void {
  for (const record of route.matched) {
    const component = record.components?.default
    if (typeof component === 'function') void (component as () => Promise<unknown>)().catch(() => undefined)
  }
}

router.beforeEach(async to => {
  // the page's code loads while the session is checked, not after it (bench row "first page usable")
  prefetch(to)
  await loadSession()
  if (to.meta.public === true) return session.staff != null && to.name === 'sign-in' ? { path: '/overview' } : true
  if (session.staff == null) return { name: 'sign-in', query: { next: to.fullPath } }
  const minRole = to.meta.minRole as Parameters<typeof hasRole>[1] | undefined
  if (minRole != null && !hasRole(session.staff.role, minRole)) return { name: 'forbidden', query: { page: String(to.name ?? '') } }
  return true
})
