/**
 * Which schema each persisted query must still satisfy when it is read back from IndexedDB.
 * Keys not listed here (added by later features) are kept as they are: their own hooks parse them.
 */
import type * as z from 'zod/mini';
import { issueText } from '../../core/contract/common.ts';
import { endpoints } from '../../core/contract/endpoints.ts';
import { recordKeys } from '../records/record-keys.ts';

type KeyMaker = (citizenId: string) => readonly unknown[];

const citizenRecordSchemas: readonly [KeyMaker, z.ZodMiniType][] = [
  [recordKeys.vaccinations, endpoints.vaccinations.response],
  [recordKeys.pcrTests, endpoints.pcrTests.response],
  [recordKeys.antigenTests, endpoints.antigenTests.response],
  [recordKeys.itinerary, endpoints.itinerary.response],
];

/** A stand-in citizen id: where a made key holds it, a stored key may hold any string. */
const anyCitizen = '\u0000citizen';

/** Whether `queryKey` is a key `make` makes, for some citizen: matched through the factory, never by position. */
function madeBy(make: KeyMaker, queryKey: readonly unknown[]): boolean {
  const pattern = make(anyCitizen);
  return pattern.length === queryKey.length && pattern.every((part, i) => (part === anyCitizen ? typeof queryKey[i] === 'string' : part === queryKey[i]));
}

const isMeKey = (queryKey: readonly unknown[]) => madeBy(recordKeys.me, queryKey);

function schemaFor(queryKey: readonly unknown[]): z.ZodMiniType | undefined {
  if (isMeKey(queryKey)) return endpoints.me.response;
  return citizenRecordSchemas.find(([make]) => madeBy(make, queryKey))?.[1];
}

export function cachedRecordProblem(queryKey: readonly unknown[], data: unknown): string | null {
  const schema = schemaFor(queryKey);
  if (!schema) return null;
  const parsed = schema.safeParse(data);
  return parsed.success ? null : `does not fit its schema (${issueText(parsed.error, 'invalid')})`;
}

/** The signed-in citizen of a persisted cache: the id in its `me` answer. */
export function citizenOfCache(queries: readonly { queryKey: readonly unknown[]; state: { data: unknown } }[]): string | undefined {
  const me = queries.find((query) => isMeKey(query.queryKey));
  const parsed = endpoints.me.response.safeParse(me?.state.data);
  return parsed.success ? parsed.data.citizen.id : undefined;
}
