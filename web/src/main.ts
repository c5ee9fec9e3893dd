// Entry of the staff web app (docs/web.md).
import { createApp } from 'vue'
// Element Plus' base styles (variables, reset); each component brings its own (web/vite.config.ts)
import 'element-plus/theme-chalk/base.css'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n.ts'
import { router } from './router.ts'
import { onSessionLost } from './api/client.ts'
import { forget } from './session.ts'

onSessionLost(() => {
  forget()
  if (router.currentRoute.value.name !== 'sign-in') void router.push({ name: 'sign-in', query: { next: router.currentRoute.value.fullPath, expired: '1' } })
})

createApp(App).use(i18n).use(router).mount('#app')
