import { z } from 'zod'

/** Waste categories a kiosk may report. `other` earns nothing by default. */
export const categories = ['paper', 'plastic', 'metal', 'glass', 'textile', 'kitchen', 'hazardous', 'other'] as const
export const categorySchema = z.enum(categories)
export type Category = z.infer<typeof categorySchema>

/** Device-unique event id; replays carry the same id and are applied once. */
export const eventIdSchema = z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')

/** Device clock, milliseconds since the Unix epoch. */
export const tsSchema = z.number().int().min(0).max(8_640_000_000_000)

/** Points card uid as printed/encoded on the card, or a QR token. */
export const cardUidSchema = z.string().min(4).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -')

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . -')

/**
 * Free text from a device (firmware version, an error message). U+0000 is
 * refused: PostgreSQL's text cannot hold it, so the event could never be
 * stored there and the device would resend it forever.
 */
export const deviceTextSchema = (maxLength: number) =>
  // eslint-disable-next-line no-control-regex
  z.string().max(maxLength).regex(/^[^\u0000]*$/, 'must not contain U+0000')
