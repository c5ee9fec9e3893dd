// Kysely table types of the jobs domain: leases that let one process at a time run a periodic job.
// services/store/database.ts joins every domain's tables into one Database.
export interface JobLeasesTable {
  /** The job's name, e.g. `telemetry-shipper`. */
  name: string
  /** Who holds (or last held) the lease: one id per process. */
  holder: string
  /** The lease is free once this time has passed (0 after a release). */
  expires_at_ms: number
  /** Bumped each time the lease changes hands: work stamped with an older token is stale. */
  fencing_token: number
}

export interface JobTables {
  job_leases: JobLeasesTable
}
