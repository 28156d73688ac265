import type { Kysely } from 'kysely';
import type { AntigenReviewDecision, AntigenTest } from '../../core/contract/antigen.ts';
import { antigenTestFromRow } from './records.ts';
import type { Schema } from './schema.ts';

/** A self-test waiting for review as the store gives it: the test, whose it is, and its photo if still kept. */
export interface PendingReview {
  citizenId: string;
  name: string;
  test: AntigenTest;
  uploadedAt: string;
  photo: { contentType: string; width: number; height: number; bytes: Buffer } | null;
}

/**
 * The review queue: self-tests marked self-review with no decision yet whose declared result is not
 * positive (a declared positive counts without a reviewer). Read across citizens, oldest upload first.
 */
export function createAntigenReviewStore(db: Kysely<Schema>) {
  const testColumns = ['t.id', 't.tested_at', 't.result', 't.kit', 't.lot', 't.trust', 't.review_decision', 't.review_note', 't.reviewed_at', 't.created_at'] as const;
  return {
    async pending(limit: number): Promise<PendingReview[]> {
      const rows = await db
        .selectFrom('antigen_tests as t')
        .innerJoin('citizens as c', 'c.id', 't.citizen_id')
        .leftJoin('antigen_photos as p', (join) => join.onRef('p.citizen_id', '=', 't.citizen_id').onRef('p.test_id', '=', 't.id'))
        .select([...testColumns, 't.citizen_id', 'c.name', 'p.content_type', 'p.width', 'p.height', 'p.bytes'])
        .where('t.trust', '=', 'self-review')
        .where('t.review_decision', 'is', null)
        .where('t.result', '!=', 'positive')
        .orderBy('t.created_at')
        .orderBy('t.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        citizenId: row.citizen_id,
        name: row.name,
        test: antigenTestFromRow(row),
        uploadedAt: row.created_at,
        photo:
          row.bytes && row.content_type && row.width !== null && row.height !== null
            ? { contentType: row.content_type, width: row.width, height: row.height, bytes: Buffer.from(row.bytes) }
            : null,
      }));
    },
    /** The citizens with a pending self-test of this id (test ids are made by devices, unique per citizen only). */
    async ownersOfPending(testId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('antigen_tests')
        .select('citizen_id')
        .where('id', '=', testId)
        .where('trust', '=', 'self-review')
        .where('review_decision', 'is', null)
        .where('result', '!=', 'positive')
        .execute();
      return rows.map((row) => row.citizen_id);
    },
    /**
     * Records a decision on a test still pending, and on a confirmation raises its trust; the declared
     * result is not a column this writes. False when the test was decided meanwhile.
     */
    async decide(citizenId: string, testId: string, decision: { decision: AntigenReviewDecision; note: string | null; by: string; at: string }): Promise<AntigenTest | undefined> {
      const result = await db
        .updateTable('antigen_tests')
        .set({
          review_decision: decision.decision,
          review_note: decision.note,
          reviewed_by: decision.by,
          reviewed_at: decision.at,
          ...(decision.decision === 'confirmed' ? { trust: 'self-verified' as const } : {}),
        })
        .where('citizen_id', '=', citizenId)
        .where('id', '=', testId)
        .where('trust', '=', 'self-review')
        .where('review_decision', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      const row = await db
        .selectFrom('antigen_tests as t')
        .select(testColumns)
        .where('t.citizen_id', '=', citizenId)
        .where('t.id', '=', testId)
        .executeTakeFirstOrThrow();
      return antigenTestFromRow(row);
    },
  };
}

export type AntigenReviewStore = ReturnType<typeof createAntigenReviewStore>;
