/**
 * What each feed of health records means: the checks a line's schema cannot make (dates in the future,
 * a report before its sample) and the record it becomes. Citizens and colour decisions are not records
 * of this kind; services/feeds.ts treats them on their own.
 */
import type { FeedLine, FeedRejectionCode, FeedScope } from '../../core/contract/feeds.ts';
import type { FeedRecord } from '../storage/records.ts';
import { shanghaiDay } from '../../core/shanghai-time.ts';

export type RecordScope = Exclude<FeedScope, 'citizens' | 'colour-decisions'>;

export interface LineProblem {
  code: FeedRejectionCode;
  message: string;
}

interface RecordScopeRules<S extends RecordScope> {
  kind: FeedRecord['kind'];
  problem: (line: FeedLine<S>, now: number) => LineProblem | undefined;
  record: (line: FeedLine<S>, citizenId: string, id: string, receivedAt: string) => FeedRecord;
}

/** A provider's clock a little ahead of ours must not turn a fresh result into a future one. */
const clockSkewMs = 5 * 60 * 1000;

const utc = (instant: string) => new Date(instant).toISOString();

/** The first of these instants that lies in the future, as the rejection to answer. */
export function future(now: number, fields: Record<string, string>): LineProblem | undefined {
  for (const [field, instant] of Object.entries(fields)) {
    if (Date.parse(instant) > now + clockSkewMs) return { code: 'future_date', message: `${field}: lies in the future.` };
  }
  return undefined;
}

export const recordScopes: { [S in RecordScope]: RecordScopeRules<S> } = {
  'pcr-results': {
    kind: 'pcr',
    problem: (line, now) =>
      future(now, { sampledAt: line.sampledAt, reportedAt: line.reportedAt }) ??
      (Date.parse(line.reportedAt) < Date.parse(line.sampledAt) ? { code: 'invalid_field', message: 'reportedAt: is before sampledAt.' } : undefined),
    record: (line, citizenId, id) => ({
      kind: 'pcr',
      citizenId,
      record: { id, sampledAt: utc(line.sampledAt), reportedAt: utc(line.reportedAt), result: line.result, institution: line.institution },
    }),
  },
  'antigen-results': {
    kind: 'antigen',
    problem: (line, now) => future(now, { testedAt: line.testedAt }),
    // A testing site's result has no self-test kit to name unless the site sends one; the panel then names the site.
    record: (line, citizenId, id, receivedAt) => ({
      kind: 'antigen',
      citizenId,
      record: { id, testedAt: utc(line.testedAt), result: line.result, kit: line.kit ?? line.institution, lot: line.lot ?? '', trust: 'institution' },
      createdAt: receivedAt,
    }),
  },
  vaccinations: {
    kind: 'vaccination',
    problem: (line, now) =>
      line.vaccinatedAt > shanghaiDay(now + clockSkewMs) ? { code: 'future_date', message: 'vaccinatedAt: lies in the future.' } : undefined,
    record: (line, citizenId, id) => ({
      kind: 'vaccination',
      citizenId,
      record: { id, dose: line.dose, date: line.vaccinatedAt, manufacturer: line.product, site: line.institution },
    }),
  },
  itinerary: {
    kind: 'itinerary',
    problem: (line, now) => future(now, { arrivedAt: line.arrivedAt }),
    record: (line, citizenId, id) => ({
      kind: 'itinerary',
      citizenId,
      record: { id, city: line.city, date: shanghaiDay(Date.parse(line.arrivedAt)), risk: line.risk },
    }),
  },
};
