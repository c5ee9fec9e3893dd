// Makes the store's Kysely instance available to every plugin as `app.db`.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.ts'

declare module 'fastify' {
  interface FastifyInstance { db: Kysely<Database> }
}

export default fp(async (app: FastifyInstance, opts: { db: Kysely<Database> }) => {
  app.decorate('db', opts.db)
}, { name: 'db' })
