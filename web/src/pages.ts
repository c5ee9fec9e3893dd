// The pages and who may open them. A new page (alarms, gates, charging,
// reports …) is one line here, one view file and its locale keys: the router
// and the navigation are built from this list.
import type { Component } from 'vue'
import type { StaffRole } from './api/types.ts'

export interface Page {
  name: string
  path: string
  /** Locale key of the title in the navigation and the page heading. */
  titleKey: string
  /** Least role that may open it; the API checks the same role again. */
  minRole: StaffRole
  component: () => Promise<Component>
  /** False for detail pages reached from another page. */
  inNav: boolean
}

export const pages: Page[] = [
  { name: 'overview', path: '/overview', titleKey: 'nav.overview', minRole: 'counter', component: () => import('./views/OverviewPage.vue'), inNav: true },
  { name: 'counter', path: '/counter', titleKey: 'nav.counter', minRole: 'counter', component: () => import('./views/CounterPage.vue'), inNav: true },
  { name: 'approvals', path: '/approvals', titleKey: 'nav.approvals', minRole: 'manager', component: () => import('./views/ApprovalsPage.vue'), inNav: true },
  { name: 'devices', path: '/devices', titleKey: 'nav.devices', minRole: 'manager', component: () => import('./views/DevicesPage.vue'), inNav: true },
  { name: 'alarms', path: '/alarms', titleKey: 'nav.alarms', minRole: 'counter', component: () => import('./views/AlarmsPage.vue'), inNav: true },
  { name: 'gates', path: '/gates', titleKey: 'nav.gates', minRole: 'manager', component: () => import('./views/GatesPage.vue'), inNav: true },
  { name: 'charging', path: '/charging', titleKey: 'nav.charging', minRole: 'manager', component: () => import('./views/ChargingPage.vue'), inNav: true },
  { name: 'reports', path: '/reports', titleKey: 'nav.reports', minRole: 'manager', component: () => import('./views/ReportsPage.vue'), inNav: true },
  { name: 'settings', path: '/settings', titleKey: 'nav.settings', minRole: 'manager', component: () => import('./views/SettingsPage.vue'), inNav: true },
  { name: 'device', path: '/devices/:deviceId', titleKey: 'device.title', minRole: 'manager', component: () => import('./views/DeviceDetailPage.vue'), inNav: false }
]
