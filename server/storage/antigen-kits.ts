import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { approvedKit, type ApprovedKit } from '../../core/contract/antigen.ts';
import type { Schema } from './schema.ts';

/** The approved antigen kits (stored as JSON like rule sets) and every kit serial already used for a result. */
export function createAntigenKitStore(db: Kysely<Schema>) {
  return {
    async all(): Promise<ApprovedKit[]> {
      const rows = await db.selectFrom('antigen_kits').select('body').orderBy('gtin').execute();
      return z.array(approvedKit).parse(rows.map((row): unknown => JSON.parse(row.body)));
    },
    async byGtin(gtin: string): Promise<ApprovedKit | undefined> {
      const row = await db.selectFrom('antigen_kits').select('body').where('gtin', '=', gtin).executeTakeFirst();
      return row ? approvedKit.parse(JSON.parse(row.body)) : undefined;
    },
    async put(kit: ApprovedKit): Promise<void> {
      const valid = approvedKit.parse(kit);
      await db
        .insertInto('antigen_kits')
        .values({ gtin: valid.gtin, body: JSON.stringify(valid) })
        .onConflict((conflict) => conflict.column('gtin').doUpdateSet((eb) => ({ body: eb.ref('excluded.body') })))
        .execute();
    },
    async isUsed(gtin: string, serial: string): Promise<boolean> {
      return (await db.selectFrom('antigen_kit_uses').select('test_id').where('gtin', '=', gtin).where('serial', '=', serial).executeTakeFirst()) !== undefined;
    },
    /** Spends a serial; the primary key makes a second use of it fail even when two arrive at once. */
    async use(use: { gtin: string; serial: string; citizenId: string; testId: string; usedAt: string }): Promise<void> {
      await db
        .insertInto('antigen_kit_uses')
        .values({ gtin: use.gtin, serial: use.serial, citizen_id: use.citizenId, test_id: use.testId, used_at: use.usedAt })
        .execute();
    },
  };
}

export type AntigenKitStore = ReturnType<typeof createAntigenKitStore>;
