import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** One counter to take a unit from: `key` in the window ending at `windowEnd`, which holds at most `limit`. */
export interface ThrottleClaim {
  key: string;
  windowEnd: number;
  limit: number;
}

class WindowFull extends Error {
  readonly claim: ThrottleClaim;

  constructor(claim: ThrottleClaim) {
    super(`${claim.key} is full`);
    this.claim = claim;
  }
}

/**
 * Fixed-window counters in the database, so that every node counts the same requests. A unit is taken
 * in one upsert whose update only runs below the limit: requests racing on several nodes cannot all pass.
 */
export function createLoginThrottleStore(db: Kysely<Schema>) {
  async function claimOne(from: Kysely<Schema>, { key, windowEnd, limit }: ThrottleClaim): Promise<boolean> {
    const row = await from
      .insertInto('login_throttle')
      .values({ key, window_end: windowEnd, count: 1 })
      .onConflict((conflict) =>
        conflict
          .columns(['key', 'window_end'])
          .doUpdateSet((eb) => ({ count: eb('login_throttle.count', '+', 1) }))
          .where('login_throttle.count', '<', limit),
      )
      .returning('count')
      .executeTakeFirst();
    return row !== undefined;
  }

  return {
    /**
     * Takes one unit from every counter, or from none: gives the first full one (nothing counted), else
     * undefined. A refused request therefore does not use up the other windows.
     */
    async claimAll(claims: readonly ThrottleClaim[]): Promise<ThrottleClaim | undefined> {
      try {
        await db.transaction().execute(async (trx) => {
          for (const claim of claims) if (!(await claimOne(trx, claim))) throw new WindowFull(claim);
        });
        return undefined;
      } catch (error) {
        if (error instanceof WindowFull) return error.claim;
        throw error;
      }
    },
    /** Gives back a unit taken for something that, in the end, did not count (a right code). */
    async release(key: string, windowEnd: number): Promise<void> {
      await db
        .updateTable('login_throttle')
        .set((eb) => ({ count: eb('count', '-', 1) }))
        .where('key', '=', key)
        .where('window_end', '=', windowEnd)
        .where('count', '>', 0)
        .execute();
    },
    async count(key: string, windowEnd: number): Promise<number> {
      const row = await db.selectFrom('login_throttle').select('count').where('key', '=', key).where('window_end', '=', windowEnd).executeTakeFirst();
      return row?.count ?? 0;
    },
    async deleteEndedBy(now: number): Promise<void> {
      await db.deleteFrom('login_throttle').where('window_end', '<=', now).execute();
    },
  };
}

export type LoginThrottleStore = ReturnType<typeof createLoginThrottleStore>;
