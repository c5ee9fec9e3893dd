// An error as staff read it: the API's code translated when the locale knows
// it, else the server's message (English), else a generic line.
import { ApiError } from './api/client.ts'
import { i18n } from './i18n.ts'

export function errorText (err: unknown): string {
  const { t, te } = i18n.global
  if (err instanceof ApiError) return te(`errors.${err.code}`) ? t(`errors.${err.code}`) : err.message
  return t('errors.network')
}
