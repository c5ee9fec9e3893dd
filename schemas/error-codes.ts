// One list of error codes for MQTT error replies, deny reasons and HTTP
// bodies, so a kiosk maker and a front-end see the same words.
export const errorCodes = {
  // device payload problems (answered on devices/{id}/errors, event dead-lettered)
  MALFORMED_JSON: 'payload is not valid JSON',
  SCHEMA_VIOLATION: 'payload does not match the schema for this topic',
  UNKNOWN_TOPIC: 'no such topic for devices',
  FORBIDDEN_TOPIC: 'a device may publish only under its own prefix devices/{deviceId}/',
  PAYLOAD_TOO_LARGE: 'payload is larger than the limit for device events',
  SESSION_UNKNOWN: 'deposit names a session this kiosk never opened',
  SESSION_CLOSED: 'session already has a deposit',
  STORE_REJECTED: 'the store refused this event after retries; it is kept for staff, do not resend it',
  COMMAND_UNKNOWN: 'command ack names an unknown command',
  EVENT_ID_REUSED: 'this eventId was already used for a different event',
  ALARM_REFUSED: 'the alarm change was refused (the message says why)',
  // card decisions (deny command reasons)
  CARD_UNKNOWN: 'card is not registered',
  CARD_LOST: 'card was reported lost',
  CARD_BLOCKED: 'card is blocked',
  CARD_WRONG_SITE: 'card belongs to another site',
  HOUSEHOLD_INACTIVE: 'household is not active',
  DEVICE_DISABLED: 'device is disabled',
  // ledger and counter
  INSUFFICIENT_POINTS: 'balance is lower than the points asked for',
  BALANCE_LIMIT: 'the balance would pass the largest balance a household may hold (2,147,483,647 points)',
  OUT_OF_STOCK: 'not enough stock',
  ITEM_UNKNOWN: 'no such shop item',
  HOUSEHOLD_UNKNOWN: 'no such household',
  SITE_UNKNOWN: 'no such site',
  DEVICE_UNKNOWN: 'no such device',
  ENTRY_UNKNOWN: 'no such ledger entry',
  ALREADY_REVERSED: 'entry was already reversed',
  NOT_REVERSIBLE: 'entry cannot be reversed',
  ADJUSTMENT_UNKNOWN: 'no such adjustment request',
  ADJUSTMENT_DECIDED: 'adjustment request was already decided',
  SAME_APPROVER: 'the approver must be another staff member',
  REVIEW_UNKNOWN: 'no such review item',
  REVIEW_DECIDED: 'review item was already decided',
  REDEMPTION_UNKNOWN: 'no such redemption',
  ALARM_UNKNOWN: 'no such alarm',
  ALARM_CHANGE_REFUSED: 'the alarm cannot change so now (details.reason says why)',
  CONFLICT: 'already exists',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key was used before with a different request',
  IDEMPOTENCY_KEY_REQUIRED: 'this request needs an Idempotency-Key header',
  VALIDATION_FAILED: 'request does not match the schema',
  UNAUTHENTICATED: 'missing or invalid staff token',
  FORBIDDEN: 'your role may not do this',
  NOT_FOUND: 'not found',
  INTERNAL: 'internal error',
  // HTTP transport (counter API)
  BAD_REQUEST: 'request is malformed',
  UNSUPPORTED_MEDIA_TYPE: 'request body has an unsupported content type',
  RATE_LIMITED: 'too many requests; retry after the seconds in Retry-After',
  AUTH_THROTTLED: 'too many failed authentications from this address; retry after the seconds in Retry-After',
  // staff web sign-in (docs/web.md)
  SIGN_IN_FAILED: 'wrong username or password',
  CSRF_REFUSED: 'a write with the session cookie needs the X-CSRF-Token header of that session',
  // residents' phone accounts (docs/residents.md)
  ACTIVATION_FAILED: 'wrong, expired or already used activation code: ask the counter for a new one',
  SIGN_IN_LOCKED: 'too many wrong passwords for this phone; retry after the seconds in Retry-After',
  RESIDENT_UNKNOWN: 'no such resident',
  PASS_LIMIT_EXCEEDED: 'beyond the site\'s limits for residents\' visitor passes (details.reason says which)',
  // charging piles
  PORT_BUSY: 'the port already has a charging session',
  TARIFF_MISSING: 'no charging tariff is set for this pile or its site',
  CHARGING_SESSION_UNKNOWN: 'no such charging session',
  DEVICE_NOT_CHARGER: 'the device is not a charging pile'
} as const

export type ErrorCode = keyof typeof errorCodes
