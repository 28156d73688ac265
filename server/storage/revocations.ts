import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** A citizen whose colour changed, and when that change was recorded (ISO instant). */
export interface ColourChangeSeen {
  citizenId: string;
  recordedAt: string;
}

/** What the revocation list (services/revocations.ts) is read from: colour changes, and the list's salt. */
export function createRevocationStore(db: Kysely<Schema>) {
  return {
    /**
     * Citizens whose colour really changed (not a decision that repeated the colour they had) in a change
     * recorded after `after`, each with the newest such change.
     */
    async changedAfter(after: string): Promise<ColourChangeSeen[]> {
      return db
        .selectFrom('colour_changes')
        .select((eb) => ['citizen_id as citizenId', eb.fn.max('recorded_at').as('recordedAt')])
        .where('recorded_at', '>', after)
        .whereRef('colour', '<>', 'previous_colour')
        .groupBy('citizen_id')
        .execute();
    },
    /**
     * Every change that changed a colour recorded after `after`, one row each (a citizen changed twice is
     * two rows): what the compact list groups by time, up to `before` (exclusive) when given. Read from its
     * partial index (migration 0022) alone.
     */
    async revokingAfter(after: string, before?: string): Promise<ColourChangeSeen[]> {
      let query = db
        .selectFrom('colour_changes')
        .select(['citizen_id as citizenId', 'recorded_at as recordedAt'])
        .where('recorded_at', '>', after)
        .whereRef('colour', '<>', 'previous_colour');
      if (before !== undefined) query = query.where('recorded_at', '<', before);
      return query.execute();
    },
    /** When the citizen's colour last really changed (recorded), or undefined: a code signed before then is revoked. */
    async lastChangeOf(citizenId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('colour_changes')
        .select((eb) => eb.fn.max('recorded_at').as('recorded_at'))
        .where('citizen_id', '=', citizenId)
        .whereRef('colour', '<>', 'previous_colour')
        .executeTakeFirst();
      return row?.recorded_at ?? undefined;
    },
    /** The deployment's salt, made by whichever node asks first; every node then reads the same one. */
    async salt(make: () => string): Promise<string> {
      await db
        .insertInto('revocation_salt')
        .values({ id: 'current', salt: make(), created_at: new Date().toISOString() })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .execute();
      const row = await db.selectFrom('revocation_salt').select('salt').where('id', '=', 'current').executeTakeFirstOrThrow();
      return row.salt;
    },
  };
}

export type RevocationStore = ReturnType<typeof createRevocationStore>;
