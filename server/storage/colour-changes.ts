import type { Kysely } from 'kysely';
import type { CodeColour } from '../../core/contract/common.ts';
import type { ColourChangesTable, Schema } from './schema.ts';

export type ColourChangeRow = ColourChangesTable;

/** The history of citizens' code colours, and each citizen's colour as it stands (services/colour.ts has the rules). */
export function createColourChangeStore(db: Kysely<Schema>) {
  return {
    /** When the newest change of each of these citizens counts from; citizens never changed are absent. */
    async latest(citizenIds: readonly string[]): Promise<Map<string, string>> {
      if (citizenIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('colour_changes')
        .select((eb) => ['citizen_id', eb.fn.max('effective_at').as('effective_at')])
        .where('citizen_id', 'in', citizenIds)
        .groupBy('citizen_id')
        .execute();
      return new Map(rows.map((row) => [row.citizen_id, row.effective_at]));
    },
    async record(rows: readonly ColourChangeRow[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('colour_changes').values([...rows]).execute();
    },
    async setColour(citizenId: string, colour: CodeColour, since: string): Promise<void> {
      await db.updateTable('citizens').set({ colour, colour_since: since }).where('id', '=', citizenId).execute();
    },
  };
}

export type ColourChangeStore = ReturnType<typeof createColourChangeStore>;
