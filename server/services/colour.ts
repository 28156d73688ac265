/**
 * The code colour follows the data. It is the latest colour decision, except that a positive PCR or
 * antigen result from a provider turns it red at once (reason `positive-result`) until a later decision.
 *
 * "Later" is judged by when each change counts from: a decision by its decidedAt, a positive result by
 * when it reached the server, since an authority can only have weighed a result it had. So a decision
 * made before a positive arrived, though sent after it, does not turn the code back; a decision older
 * than the newest change is history, not the present. A corrected result never turns a code back by
 * itself either: only a decision does. Every change is kept in colour_changes with when, who and why.
 */
import type { CodeColour } from '../../core/contract/common.ts';
import type { FeedScope } from '../../core/contract/feeds.ts';
import type { ColourChange } from '../storage/colour-changes.ts';
import type { Stores } from '../storage/storage.ts';

export interface ColourEvent {
  citizenId: string;
  colour: CodeColour;
  reason: string;
  effectiveAt: string;
  provider: string;
  scope: FeedScope;
  externalId: string;
}

export const positiveResultReason = 'positive-result';

/**
 * Applies a batch's events in order inside its transaction: reads each citizen's colour and newest change
 * once, keeps the changes that count, and writes each citizen's final colour once.
 */
export async function applyColourEvents(stores: Pick<Stores, 'citizens' | 'colourChanges'>, events: readonly ColourEvent[], recordedAt: string): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((event) => event.citizenId))];
  const latest = await stores.colourChanges.latest(ids);
  const colours = new Map((await stores.citizens.byIds(ids)).map((row) => [row.id, row.colour]));
  const changes: ColourChange[] = [];
  const final = new Map<string, { colour: CodeColour; since: string }>();
  for (const event of events) {
    const newest = latest.get(event.citizenId);
    const previous = colours.get(event.citizenId);
    if (previous === undefined || (newest !== undefined && event.effectiveAt < newest)) continue;
    changes.push({
      citizenId: event.citizenId,
      id: crypto.randomUUID(),
      colour: event.colour,
      previousColour: previous,
      reason: event.reason,
      effectiveAt: event.effectiveAt,
      recordedAt,
      provider: event.provider,
      scope: event.scope,
      externalId: event.externalId,
    });
    latest.set(event.citizenId, event.effectiveAt);
    colours.set(event.citizenId, event.colour);
    final.set(event.citizenId, { colour: event.colour, since: event.effectiveAt });
  }
  await stores.colourChanges.record(changes);
  for (const [citizenId, { colour, since }] of final) await stores.colourChanges.setColour(citizenId, colour, since);
}
