import { sql, type Kysely } from 'kysely'

/**
 * Request fingerprints used to be unkeyed SHA-256 of bodies that carry PINs. They are overwritten rather than
 * kept until they expire, so a copy of the database taken after the upgrade gives up no PIN. No keyed hash
 * equals the marker, so a retry of such a key is refused with 409 instead of moving money a second time.
 * There is no down: the old hashes are gone for good, which is the point.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update idempotency_keys set request_hash = ${'unkeyed-before-0016'}`.execute(db)
}
