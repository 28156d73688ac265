import * as z from 'zod/mini';
import { ruleSet, type RuleSet } from '../../core/contract.ts';
import type { Db } from './database.ts';

/** Rule sets are data: stored as JSON, validated against the contract on the way in and out. */
export function createRuleSetStore(db: Db) {
  const all = db.prepare<[], { body: string }>('SELECT body FROM rule_sets ORDER BY id');
  const upsert = db.prepare('INSERT INTO rule_sets (id, body) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body');

  return {
    all(): RuleSet[] {
      return z.array(ruleSet).parse(all.all().map((row): unknown => JSON.parse(row.body)));
    },
    put(set: RuleSet): void {
      const valid = ruleSet.parse(set);
      upsert.run(valid.id, JSON.stringify(valid));
    },
  };
}

export type RuleSetStore = ReturnType<typeof createRuleSetStore>;
