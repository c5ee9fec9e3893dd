// HTTP bodies of staff web sign-in (services/http/routes/web-session.ts, docs/web.md).
import { z } from 'zod'
import { staffSchema } from './http.ts'

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

export const signInBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH)
}).meta({ id: 'SignIn' })

export const webSessionSchema = z.object({
  staff: staffSchema,
  csrfToken: z.string().nullable().describe('send as X-CSRF-Token on every write made with the session cookie; null when authenticated by a Bearer token')
}).meta({ id: 'WebSession' })

export const setPasswordBodySchema = z.object({
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH)
}).meta({ id: 'SetPassword' })

export type WebSession = z.infer<typeof webSessionSchema>
