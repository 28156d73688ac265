import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { ruleSet, type RuleSet } from '../../core/contract/records.ts';
import type { Schema } from './schema.ts';

/** Rule sets are data: stored as JSON, validated against the contract on the way in and out. */
export function createRuleSetStore(db: Kysely<Schema>) {
  return {
    async all(): Promise<RuleSet[]> {
      const rows = await db.selectFrom('rule_sets').select('body').orderBy('id').execute();
      return z.array(ruleSet).parse(rows.map((row): unknown => JSON.parse(row.body)));
    },
    async put(set: RuleSet): Promise<void> {
      const valid = ruleSet.parse(set);
      await db
        .insertInto('rule_sets')
        .values({ id: valid.id, body: JSON.stringify(valid) })
        .onConflict((conflict) => conflict.column('id').doUpdateSet((eb) => ({ body: eb.ref('excluded.body') })))
        .execute();
    },
  };
}

export type RuleSetStore = ReturnType<typeof createRuleSetStore>;
