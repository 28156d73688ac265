import type { Kysely } from 'kysely';
import type { CodeColour } from '../../core/contract/common.ts';
import type { ColourChangesTable, Schema } from './schema.ts';

/** One change of a citizen's colour, with when it counts from, when it was recorded, and who sent it why. */
export interface ColourChange {
  citizenId: string;
  id: string;
  colour: CodeColour;
  previousColour: CodeColour;
  reason: string;
  effectiveAt: string;
  recordedAt: string;
  provider: string;
  scope: string;
  externalId: string;
}

const toRow = (change: ColourChange): ColourChangesTable => ({
  citizen_id: change.citizenId,
  id: change.id,
  colour: change.colour,
  previous_colour: change.previousColour,
  reason: change.reason,
  effective_at: change.effectiveAt,
  recorded_at: change.recordedAt,
  provider: change.provider,
  scope: change.scope,
  external_id: change.externalId,
});

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
    async record(changes: readonly ColourChange[]): Promise<void> {
      if (changes.length > 0) await db.insertInto('colour_changes').values(changes.map(toRow)).execute();
    },
    async setColour(citizenId: string, colour: CodeColour, since: string): Promise<void> {
      await db.updateTable('citizens').set({ colour, colour_since: since }).where('id', '=', citizenId).execute();
    },
  };
}

export type ColourChangeStore = ReturnType<typeof createColourChangeStore>;
