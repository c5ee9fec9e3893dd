// zh-CN by default, English one click away; the choice is remembered. Every
// string of the pages is in web/locales/{zh-CN,en}.json (same keys: a test
// fails otherwise), Element Plus gets its own locale of the same language.
import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import elementEn from 'element-plus/es/locale/lang/en'
import zhCN from '../locales/zh-CN.json'
import en from '../locales/en.json'

export type Language = 'zh-CN' | 'en'
export const languages: Language[] = ['zh-CN', 'en']

const stored = localStorage.getItem('language')
const initial: Language = stored === 'en' ? 'en' : 'zh-CN'

export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en }
})

document.documentElement.lang = initial

export function setLanguage (language: Language): void {
  i18n.global.locale.value = language
  localStorage.setItem('language', language)
  document.documentElement.lang = language
}

export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elementEn : elementZhCn))
