/**
 * Which schema each persisted query must still satisfy when it is read back from IndexedDB.
 * Keys not listed here (added by later features) are kept as they are: their own hooks parse them.
 */
import { issueText } from '../../core/contract/common.ts';
import type * as z from 'zod/mini';
import { endpoints } from '../../core/contract/endpoints.ts';

const citizenRecordSchemas: Record<string, z.ZodMiniType> = {
  vaccinations: endpoints.vaccinations.response,
  'pcr-tests': endpoints.pcrTests.response,
  'antigen-tests': endpoints.antigenTests.response,
  itinerary: endpoints.itinerary.response,
};

function schemaFor(queryKey: readonly unknown[]): z.ZodMiniType | undefined {
  if (queryKey[0] !== 'records') return undefined;
  if (queryKey[1] === 'me') return endpoints.me.response;
  if (queryKey[1] === 'citizen' && typeof queryKey[3] === 'string') return citizenRecordSchemas[queryKey[3]];
  return undefined;
}

export function cachedRecordProblem(queryKey: readonly unknown[], data: unknown): string | null {
  const schema = schemaFor(queryKey);
  if (!schema) return null;
  const parsed = schema.safeParse(data);
  return parsed.success ? null : `does not fit its schema (${issueText(parsed.error, 'invalid')})`;
}

/** The signed-in citizen of a persisted cache: the id in its `me` answer. */
export function citizenOfCache(queries: readonly { queryKey: readonly unknown[]; state: { data: unknown } }[]): string | undefined {
  const me = queries.find((query) => query.queryKey[0] === 'records' && query.queryKey[1] === 'me');
  const parsed = endpoints.me.response.safeParse(me?.state.data);
  return parsed.success ? parsed.data.citizen.id : undefined;
}
