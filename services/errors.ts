// Domain errors carry a stable code and an HTTP status; one mapping to HTTP
// (services/http/error-handler.ts) and one to MQTT error replies.
import { errorCodes, type ErrorCode } from '../schemas/error-codes.ts'

const statusByCode: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  HOUSEHOLD_UNKNOWN: 404,
  SITE_UNKNOWN: 404,
  DEVICE_UNKNOWN: 404,
  ENTRY_UNKNOWN: 404,
  ITEM_UNKNOWN: 404,
  CARD_UNKNOWN: 404,
  ADJUSTMENT_UNKNOWN: 404,
  REVIEW_UNKNOWN: 404,
  REDEMPTION_UNKNOWN: 404,
  ALARM_UNKNOWN: 404,
  ALARM_CHANGE_REFUSED: 409,
  CONFLICT: 409,
  ALREADY_REVERSED: 409,
  ADJUSTMENT_DECIDED: 409,
  REVIEW_DECIDED: 409,
  OUT_OF_STOCK: 409,
  INSUFFICIENT_POINTS: 409,
  BALANCE_LIMIT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  NOT_REVERSIBLE: 422,
  SAME_APPROVER: 422,
  CARD_LOST: 409,
  CARD_BLOCKED: 409,
  HOUSEHOLD_INACTIVE: 409,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  AUTH_THROTTLED: 429,
  SIGN_IN_FAILED: 401,
  CSRF_REFUSED: 403,
  INTERNAL: 500,
  // residents
  ACTIVATION_FAILED: 401,
  SIGN_IN_LOCKED: 429,
  RESIDENT_UNKNOWN: 404,
  PASS_LIMIT_EXCEEDED: 409,
  // charging piles
  PORT_BUSY: 409,
  TARIFF_MISSING: 409,
  CHARGING_SESSION_UNKNOWN: 404,
  DEVICE_NOT_CHARGER: 409
}

export class DomainError extends Error {
  override name = 'DomainError'
  readonly code: ErrorCode
  readonly statusCode: number
  readonly details: Record<string, unknown> | undefined

  constructor (code: ErrorCode, message: string = errorCodes[code], details?: Record<string, unknown>) {
    super(message)
    this.code = code
    this.statusCode = statusByCode[code] ?? 400
    this.details = details
  }
}
