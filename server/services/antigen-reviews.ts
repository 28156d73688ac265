/**
 * The review of self-tests that wait for review (自测·待复核), by a data provider whose key has the
 * `antigen-review` scope. A reviewer sees the least that judging a photo needs: the masked name, the
 * declared result, the kit and the photo. Confirming makes the result count (its trust becomes
 * self-verified, with the decision kept beside it); rejecting keeps it shown as rejected and it never
 * counts. The declared result is never changed. Every read of a test and every decision is written to the
 * citizen's access log before anything is answered, so the citizen sees who looked.
 */
import type { AntigenTest } from '../../core/contract/antigen.ts';
import type { ProviderScope } from '../../core/contract/feeds.ts';
import type { AntigenReviewItem } from '../../core/contract/antigen-review.ts';
import { HttpError } from '../http/errors.ts';
import type { AntigenReviewStore } from '../storage/antigen-reviews.ts';
import type { AccessLogService } from './access-log.ts';
import { maskName } from './masking.ts';

export const reviewScope = 'antigen-review' satisfies ProviderScope;
/** One page of the queue: enough for a reviewer's sitting, small enough that each read is worth logging. */
export const reviewPageSize = 20;

interface Reviewer {
  name: string;
  scopes: readonly ProviderScope[];
}

/** A review item's id names the citizen and the test: test ids are made by devices and only unique per citizen. */
const reviewId = (citizenId: string, testId: string) => `${citizenId}~${testId}`;

function parseReviewId(id: string): { citizenId: string; testId: string } | null {
  const match = /^([a-z0-9-]{1,64})~([0-9a-f-]{36})$/.exec(id);
  return match?.[1] && match[2] ? { citizenId: match[1], testId: match[2] } : null;
}

export function createAntigenReviewService(store: AntigenReviewStore, accessLog: AccessLogService, now: () => Date = () => new Date()) {
  const allowed = (reviewer: Reviewer) => {
    if (!reviewer.scopes.includes(reviewScope)) throw new HttpError(403, 'forbidden', `This key has no ${reviewScope} scope.`);
  };
  const log = (reviewer: Reviewer, citizenId: string) =>
    accessLog.record({ subject: citizenId, actor: { kind: 'provider', id: reviewer.name, label: reviewer.name }, purpose: 'antigen-review', data: 'antigen-tests' });

  return {
    async pending(reviewer: Reviewer): Promise<AntigenReviewItem[]> {
      allowed(reviewer);
      const pending = await store.pending(reviewPageSize);
      for (const item of pending) await log(reviewer, item.citizenId);
      return pending.map(({ citizenId, name, test, uploadedAt, photo }) => ({
        id: reviewId(citizenId, test.id),
        maskedName: maskName(name),
        testedAt: test.testedAt,
        uploadedAt,
        result: test.result,
        kit: test.kit,
        lot: test.lot,
        photo: photo && { type: photo.contentType, width: photo.width, height: photo.height, base64: photo.bytes.toString('base64') },
      }));
    },
    async decide(reviewer: Reviewer, id: string, body: { decision: 'confirm' | 'reject'; note?: string | undefined }): Promise<AntigenTest> {
      allowed(reviewer);
      const target = parseReviewId(id);
      const owners = target ? await store.ownersOfPending(target.testId) : [];
      if (!target || !owners.includes(target.citizenId)) throw new HttpError(404, 'not_found', 'No self-test waits for review under this id; it may have been decided already.');
      await log(reviewer, target.citizenId);
      const decided = await store.decide(target.citizenId, target.testId, {
        decision: body.decision === 'confirm' ? 'confirmed' : 'rejected',
        note: body.note || null,
        by: reviewer.name,
        at: now().toISOString(),
      });
      if (!decided) throw new HttpError(404, 'not_found', 'This self-test was decided meanwhile.');
      return decided;
    },
  };
}

export type AntigenReviewService = ReturnType<typeof createAntigenReviewService>;
