/**
 * Providers' NDJSON feeds: each line checked on its own, people matched by ID number, records identified
 * by (provider, scope, externalId). The same line again is `unchanged`; new content under a known
 * externalId is a correction (`updated`, the old version kept in feed_record_history); a bad line is
 * rejected with its number and never holds up the others.
 *
 * Lines arrive from a stream (http/ndjson-lines.ts) and are stored in batches with one statement per step,
 * several batches to a transaction, which is what makes a million lines a matter of a minute or two.
 * Should a transaction fail on something the checks did not foresee (a race with another feed, a
 * constraint), it is redone a batch at a time, then line by line, so only the line at fault is lost, and
 * it is rejected as `not_stored`.
 */
import { issueText } from '../../core/contract/common.ts';
import { randomUUID } from 'node:crypto';
import type { AccessedData } from '../../core/contract/account.ts';
import { type FeedLine, feedLines, type FeedResult, type FeedScope, maxFeedLineBytes, maxListedRejections } from '../../core/contract/feeds.ts';
import type { RawLine } from '../http/ndjson-lines.ts';
import { lineDocument, lineGuardianDocument } from '../../core/contract/person.ts';
import { documentKey, type IdentityDocument } from '../../core/identity/documents.ts';
import { documentColumns, rowDocument, type CitizenRow } from '../storage/citizens.ts';
import type { FeedHistoryRow, FeedRecordRow } from '../storage/feeds.ts';
import type { FeedRecord } from '../storage/records.ts';
import type { Storage, Stores } from '../storage/storage.ts';
import { accessRecord, type AccessEvent } from './access-log.ts';
import { applyColourEvents, positiveResultReason, type ColourEvent } from './colour.ts';
import { future, recordScopes, type LineProblem, type RecordScope } from './feed-scopes.ts';
import { sha256Hex } from './sha256.ts';

/**
 * Lines planned and written together, one statement per step: large enough to amortise a round trip,
 * small enough for every engine's limits on parameters and expression depth.
 */
const batchSize = 500;
/**
 * Lines per transaction. A commit writes every page the transaction dirtied (and now and then a
 * checkpoint): results for people all over the city touch index pages all over, so fewer, larger
 * commits write each page once for many lines. It was most of the cost at one batch a commit
 * (scripts/bench/feeds.ts). Still only a few MB of lines held at once.
 */
const transactionSize = 10 * batchSize;

interface Candidate<S extends FeedScope> {
  line: number;
  data: FeedLine<S>;
  content: string;
  hash: string;
}

type Rejection = LineProblem & { line: number };
type Outcome = 'stored' | 'updated' | 'unchanged' | Rejection;

/** What one batch's lines came to, and what to write for them. */
interface BatchPlan {
  outcomes: Outcome[];
  feedRows: Map<string, FeedRecordRow>;
  history: FeedHistoryRow[];
  colourEvents: ColourEvent[];
  /** Corrections: a provider replacing what it sent about a citizen is an access to their records. */
  corrections: AccessEvent[];
}

interface Context {
  provider: string;
  scope: FeedScope;
  now: Date;
}

/** What each feed's corrections touch, as the 查询记录 screen names it. */
const correctedData = {
  citizens: 'profile',
  'pcr-results': 'pcr-tests',
  'antigen-results': 'antigen-tests',
  vaccinations: 'vaccinations',
  itinerary: 'itinerary',
  'colour-decisions': 'colour',
} as const satisfies Record<FeedScope, AccessedData>;

/** Logs a correction in the access log of each citizen whose record it touched (a record may move between two). */
function logCorrection(context: Context, subjects: readonly string[], plan: BatchPlan): void {
  for (const subject of new Set(subjects)) {
    plan.corrections.push({
      subject,
      actor: { kind: 'provider', id: context.provider, label: context.provider },
      purpose: 'correction',
      data: correctedData[context.scope],
    });
  }
}

function parseLine<S extends FeedScope>(scope: S, raw: RawLine, now: number): Candidate<S> | Rejection {
  if ('problem' in raw) {
    return raw.problem === 'too_long'
      ? { line: raw.number, code: 'line_too_long', message: `The line is longer than ${maxFeedLineBytes} bytes.` }
      : { line: raw.number, code: 'malformed_json', message: 'The line is not UTF-8 text.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.text);
  } catch {
    return { line: raw.number, code: 'malformed_json', message: 'The line is not valid JSON.' };
  }
  const parsed = feedLines[scope].safeParse(json);
  if (!parsed.success) return { line: raw.number, code: 'invalid_field', message: issueText(parsed.error, 'invalid line') };
  const data = parsed.data as FeedLine<S>;
  const problem = lineProblem(scope, data, now);
  if (problem) return { line: raw.number, ...problem };
  // The parsed line, not the raw text: key order, spacing and unknown fields do not make a line new.
  const content = JSON.stringify(data);
  return { line: raw.number, data, content, hash: sha256Hex(content) };
}

/** What each feed checks beyond its schema; the record feeds' checks are in feed-scopes.ts. */
const lineProblems: { [S in FeedScope]: (line: FeedLine<S>, now: number) => LineProblem | undefined } = {
  'pcr-results': recordScopes['pcr-results'].problem,
  'antigen-results': recordScopes['antigen-results'].problem,
  vaccinations: recordScopes.vaccinations.problem,
  itinerary: recordScopes.itinerary.problem,
  citizens: () => undefined,
  'colour-decisions': (line, now) => future(now, { decidedAt: line.decidedAt }),
};

function lineProblem<S extends FeedScope>(scope: S, data: FeedLine<S>, now: number): LineProblem | undefined {
  const check: (line: FeedLine<S>, now: number) => LineProblem | undefined = lineProblems[scope];
  return check(data, now);
}

function unknownCitizen(line: number): Rejection {
  return { line, code: 'unknown_citizen', message: 'No citizen has this document; send them in the citizens feed first.' };
}

/** The feed row of a new version, and the history row of the version it replaces. */
function newVersion(context: Context, item: Candidate<FeedScope>, previous: FeedRecordRow | undefined, target: { citizenId: string; recordId: string }, plan: BatchPlan) {
  const receivedAt = context.now.toISOString();
  const externalId = item.data.externalId;
  if (previous) {
    plan.history.push({
      provider: previous.provider,
      scope: previous.scope,
      external_id: previous.external_id,
      version: previous.version,
      citizen_id: previous.citizen_id,
      content: previous.content,
      received_at: previous.received_at,
      replaced_at: receivedAt,
    });
  }
  plan.feedRows.set(externalId, {
    provider: context.provider,
    scope: context.scope,
    external_id: externalId,
    version: (previous?.version ?? 0) + 1,
    citizen_id: target.citizenId,
    record_id: target.recordId,
    content_hash: item.hash,
    content: item.content,
    received_at: receivedAt,
  });
  plan.outcomes.push(previous ? 'updated' : 'stored');
  if (previous) logCorrection(context, [previous.citizen_id, target.citizenId], plan);
}

/** What each line's externalId holds now: the version an earlier line of this batch made, else the stored one. */
async function previousVersions<S extends FeedScope>(stores: Stores, context: Context, batch: readonly Candidate<S>[], plan: BatchPlan) {
  const stored = await stores.feeds.find(context.provider, context.scope, [...new Set(batch.map((item) => item.data.externalId))]);
  return (item: Candidate<S>) => plan.feedRows.get(item.data.externalId) ?? stored.get(item.data.externalId);
}

/** The citizens these documents name, by documentKey. */
async function citizensByDocument(stores: Stores, documents: readonly IdentityDocument[]): Promise<Map<string, CitizenRow>> {
  return new Map((await stores.citizens.byDocuments(documents)).map((row) => [documentKey(rowDocument(row)), row]));
}

/**
 * The lines of a record or decision batch that change something, with their citizen and what their
 * externalId held before; lines of no known citizen, or the same as stored, get their outcome here.
 */
function* changingLines<S extends FeedScope>(
  batch: readonly Candidate<S>[],
  people: ReadonlyMap<string, CitizenRow>,
  previousOf: (item: Candidate<S>) => FeedRecordRow | undefined,
  plan: BatchPlan,
): Generator<{ item: Candidate<S>; citizen: CitizenRow; previous: FeedRecordRow | undefined }> {
  for (const item of batch) {
    const citizen = people.get(documentKey(lineDocument(item.data)));
    const previous = previousOf(item);
    if (!citizen) plan.outcomes.push(unknownCitizen(item.line));
    else if (previous?.content_hash === item.hash) plan.outcomes.push('unchanged');
    else yield { item, citizen, previous };
  }
}

async function planRecords<S extends RecordScope>(stores: Stores, context: Context & { scope: S }, batch: readonly Candidate<S>[], plan: BatchPlan) {
  const rules = recordScopes[context.scope];
  const previousOf = await previousVersions(stores, context, batch, plan);
  const people = await citizensByDocument(stores, batch.map((item) => lineDocument(item.data)));
  const inserts = new Map<string, FeedRecord>();
  const removals: { citizenId: string; id: string }[] = [];
  for (const { item, citizen, previous } of changingLines(batch, people, previousOf, plan)) {
    const recordId = previous?.record_id ?? randomUUID();
    if (previous) {
      removals.push({ citizenId: previous.citizen_id, id: recordId });
      inserts.delete(`${previous.citizen_id}/${recordId}`);
    }
    inserts.set(`${citizen.id}/${recordId}`, rules.record(item.data, citizen.id, recordId, context.now.toISOString()));
    if (isPositive(context.scope, item.data) && !(previous && isPositive(context.scope, JSON.parse(previous.content) as FeedLine<S>))) {
      plan.colourEvents.push({
        citizenId: citizen.id,
        colour: 'red',
        reason: positiveResultReason,
        effectiveAt: context.now.toISOString(),
        provider: context.provider,
        scope: context.scope,
        externalId: item.data.externalId,
      });
    }
    newVersion(context, item, previous, { citizenId: citizen.id, recordId }, plan);
  }
  return async (writer: Stores) => {
    await writer.feedRecords.remove(rules.kind, removals);
    await writer.feedRecords.insert([...inserts.values()]);
  };
}

function isPositive(scope: RecordScope, line: FeedLine<RecordScope>): boolean {
  return (scope === 'pcr-results' || scope === 'antigen-results') && 'result' in line && line.result === 'positive';
}

async function planCitizens(stores: Stores, context: Context, batch: readonly Candidate<'citizens'>[], plan: BatchPlan) {
  const previousOf = await previousVersions(stores, context, batch, plan);
  const people = await citizensByDocument(
    stores,
    batch.flatMap((item) => [lineDocument(item.data), lineGuardianDocument(item.data) ?? []].flat()),
  );
  const phoneOwners = new Map<string, string>();
  for (const row of await stores.citizens.byPhones([...new Set(batch.flatMap((item) => (item.data.phone ? [item.data.phone] : [])))])) {
    if (row.phone) phoneOwners.set(row.phone, row.id);
  }
  for (const row of people.values()) if (row.phone) phoneOwners.set(row.phone, row.id);
  const created = new Map<string, CitizenRow>();
  const renamed = new Map<string, CitizenRow>();
  const links: [guardian: string, dependant: string][] = [];
  const now = context.now.toISOString();

  for (const item of batch) {
    const { name } = item.data;
    const key = documentKey(lineDocument(item.data));
    const guardianDocument = lineGuardianDocument(item.data);
    const guardianKey = guardianDocument && documentKey(guardianDocument);
    const phone = item.data.phone ?? null;
    const previous = previousOf(item);
    if (previous?.content_hash === item.hash) {
      plan.outcomes.push('unchanged');
      continue;
    }
    const existing = people.get(key);
    if (phone && (phoneOwners.get(phone) ?? existing?.id) !== existing?.id) {
      plan.outcomes.push({ line: item.line, code: 'phone_taken', message: 'phone: another citizen has this phone number.' });
      continue;
    }
    const guardian = guardianKey === undefined ? undefined : people.get(guardianKey);
    if (guardianKey !== undefined && (!guardian || guardianKey === key)) {
      plan.outcomes.push(
        guardianKey === key
          ? { line: item.line, code: 'invalid_field', message: 'guardianIdNumber: a citizen cannot be their own guardian.' }
          : { line: item.line, code: 'unknown_guardian', message: 'guardianIdNumber: no citizen has this ID number; send the guardian first.' },
      );
      continue;
    }
    let citizen = existing;
    if (!citizen) {
      citizen = {
        id: `c-${randomUUID()}`,
        phone,
        name,
        ...documentColumns(lineDocument(item.data)),
        colour: 'green',
        colour_since: now,
        guardian_id: guardian?.id ?? null,
        demo_order: null,
        demo_note_zh: null,
        demo_note_en: null,
      };
      created.set(citizen.id, citizen);
      people.set(key, citizen);
    } else if (citizen.name !== name || citizen.phone !== phone) {
      if (citizen.phone) phoneOwners.delete(citizen.phone);
      citizen.name = name;
      citizen.phone = phone;
      if (!created.has(citizen.id)) renamed.set(citizen.id, citizen);
    }
    if (phone) phoneOwners.set(phone, citizen.id);
    if (guardian) links.push([guardian.id, citizen.id]);
    newVersion(context, item, previous, { citizenId: citizen.id, recordId: citizen.id }, plan);
  }
  return async (writer: Stores) => {
    for (const citizen of renamed.values()) await writer.citizens.updateIdentity(citizen.id, citizen.name, citizen.phone);
    await writer.citizens.insertMany([...created.values()]);
    // Recorded as the app's own links are (family.ts), so her record of who linked her is whole: a line sent again links nothing new.
    for (const [guardian, dependant] of links) {
      if (await writer.citizens.link(guardian, dependant, now)) {
        await writer.citizens.recordLinkChange({ id: randomUUID(), dependantId: dependant, guardianId: guardian, change: 'linked', at: now });
      }
    }
  };
}

async function planDecisions(stores: Stores, context: Context, batch: readonly Candidate<'colour-decisions'>[], plan: BatchPlan) {
  const previousOf = await previousVersions(stores, context, batch, plan);
  const people = await citizensByDocument(stores, batch.map((item) => lineDocument(item.data)));
  for (const { item, citizen, previous } of changingLines(batch, people, previousOf, plan)) {
    plan.colourEvents.push({
      citizenId: citizen.id,
      colour: item.data.colour,
      reason: item.data.reason,
      // A decision stamped a moment ahead (clock skew) counts from now, not from the future.
      effectiveAt: new Date(Math.min(Date.parse(item.data.decidedAt), context.now.getTime())).toISOString(),
      provider: context.provider,
      scope: context.scope,
      externalId: item.data.externalId,
    });
    newVersion(context, item, previous, { citizenId: citizen.id, recordId: previous?.record_id ?? randomUUID() }, plan);
  }
  return () => Promise.resolve();
}

/** Plans and writes one batch in the transaction it is given; answers each line's outcome in order. */
async function storeBatch(stores: Stores, context: Context, batch: readonly Candidate<FeedScope>[]): Promise<Outcome[]> {
  const plan: BatchPlan = { outcomes: [], feedRows: new Map(), history: [], colourEvents: [], corrections: [] };
  const { scope } = context;
  const write =
    scope === 'citizens'
      ? await planCitizens(stores, context, batch as Candidate<'citizens'>[], plan)
      : scope === 'colour-decisions'
        ? await planDecisions(stores, context, batch as Candidate<'colour-decisions'>[], plan)
        : await planRecords(stores, { ...context, scope }, batch as Candidate<RecordScope>[], plan);
  await write(stores);
  await stores.feeds.keepHistory(plan.history);
  await stores.feeds.put([...plan.feedRows.values()]);
  await applyColourEvents(stores, plan.colourEvents, context.now.toISOString());
  await stores.accessLog.append(plan.corrections.map((event) => accessRecord(event, context.now)));
  return plan.outcomes;
}

/** Consecutive pieces of `items`, `size` at a time. */
function* pieces<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

export function createFeedService(storage: Storage, clock: () => Date = () => new Date()) {
  /**
   * One transaction for the lines, a batch at a time in it; should it fail, one transaction per batch,
   * then per line, so that only the line at fault is lost.
   */
  async function store(context: Context, lines: readonly Candidate<FeedScope>[]): Promise<Outcome[]> {
    try {
      return await storage.transaction(async (stores) => {
        const outcomes: Outcome[] = [];
        for (const batch of pieces(lines, batchSize)) {
          outcomes.push(...(await storeBatch(stores, context, batch)));
          // SQLite's statements hold the event loop: let the request body be read on between batches.
          await new Promise((resume) => setImmediate(resume));
        }
        return outcomes;
      });
    } catch (error) {
      const [only] = lines;
      if (lines.length === 1 && only) {
        console.warn(`feed ${context.scope} from ${context.provider}: line ${only.line} not stored: ${String(error)}`);
        return [{ line: only.line, code: 'not_stored', message: 'The line could not be stored; send it again.' }];
      }
      const outcomes: Outcome[] = [];
      for (const piece of pieces(lines, lines.length > batchSize ? batchSize : 1)) outcomes.push(...(await store(context, piece)));
      return outcomes;
    }
  }

  return {
    async ingest(provider: string, scope: FeedScope, lines: AsyncIterable<RawLine>): Promise<FeedResult> {
      const summary = { stored: 0, updated: 0, unchanged: 0, rejected: 0 };
      const rejected: Rejection[] = [];
      const count = (outcome: Outcome) => {
        if (typeof outcome === 'string') {
          summary[outcome]++;
          return;
        }
        summary.rejected++;
        if (rejected.length < maxListedRejections) rejected.push(outcome);
      };
      let batch: Candidate<FeedScope>[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        for (const outcome of await store({ provider, scope, now: clock() }, batch)) count(outcome);
        batch = [];
      };
      for await (const raw of lines) {
        const parsed = parseLine(scope, raw, clock().getTime());
        if ('code' in parsed) count(parsed);
        else if (batch.push(parsed) >= transactionSize) await flush();
      }
      await flush();
      rejected.sort((a, b) => a.line - b.line);
      return { summary, rejected: rejected.map(({ line, code, message }) => ({ line, code, message })) };
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
