// Shared bits of route schemas.
import { errorBodySchema } from '../../../schemas/http.ts'

/** Every API error has the same body; listed once per route for the OpenAPI document. */
export const errors = { '4xx': errorBodySchema } as const
