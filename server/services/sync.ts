/**
 * Writes from devices' outboxes. Each item carries a client-made id; an id this citizen already sent
 * answers 'duplicate' and changes nothing, so a device may resend after any failure without fear.
 *
 * A batch goes in two steps. First every item is checked outside any transaction (payload schema, token
 * signatures, photo bytes), since that is the slow part and needs no lock. Then one transaction claims
 * each accepted id in sync_items and stores what it carries, so an item and its effects land together,
 * exactly once, even when the same batch reaches two nodes at the same moment.
 *
 * A new kind of write is one entry in `handlers`, keyed by the contract's outbox kinds.
 */
import { issueText } from '../../core/contract/common.ts';
import type * as z from 'zod/mini';
import { antigenTimeProblem } from '../../core/contract/antigen.ts';
import { type OutboxKindName, outboxPayloads, type SyncItem, type SyncItemResult } from '../../core/contract/sync.ts';
import { venuePayload } from '../../core/contract/venues.ts';
import { HttpError } from '../http/errors.ts';
import type { NewCheckIn } from '../storage/check-ins.ts';
import type { Storage, Stores } from '../storage/storage.ts';
import type { SyncItemOwner } from '../storage/sync-items.ts';
import { readStrip } from '../../core/antigen/strip-reader.ts';
import { createAntigenChecks, newBatchClaims, type AntigenChecks, type BatchClaims } from './antigen-checks.ts';
import { readJpegInfo } from './jpeg.ts';
import type { Signer } from './signer.ts';
import { checkInCutoff } from './venues.ts';

interface SyncContext {
  /** The client-made id of the item, reused as the id of the record it creates. */
  id: string;
  citizenId: string;
  receivedAt: Date;
  /** What earlier items of the same batch will spend once stored: they are checked before any is written. */
  batch: BatchClaims;
}


/** The answer for an item whose id was already spent: a resend of one's own, or someone else's id. */
function outcome(item: SyncItem, owner: SyncItemOwner): SyncItemResult {
  if (owner === 'theirs') throw new HttpError(409, 'bad_request', 'This id was already used by someone else.');
  return { id: item.id, status: 'duplicate' };
}

/**
 * Rows that many items of a batch add to one table, written in one statement after every item's own
 * writes: check-ins are nearly all a sync ever carries.
 */
interface BulkRows {
  checkIns: NewCheckIn[];
  /** Items whose write found what they stand for already stored under another id, and wrote nothing. */
  alreadyStored: Set<string>;
}

/** What an accepted item writes, inside the transaction that claims its id. */
type Write = (stores: Stores, bulk: BulkRows) => Promise<void>;

/** Checks what a schema cannot and says what to store; throws HttpError (4xx) to refuse the item. */
type Prepare<K extends OutboxKindName> = (payload: z.infer<(typeof outboxPayloads)[K]>, context: SyncContext) => Promise<Write>;

const nothing: Write = () => Promise.resolve();

function createHandlers(signer: Signer, antigenChecks: AntigenChecks): { [K in OutboxKindName]: Prepare<K> } {
  return {
    'antigen-test': async (upload, { id, citizenId, receivedAt, batch }) => {
      const problem = antigenTimeProblem(Date.parse(upload.testedAt), receivedAt.getTime());
      if (problem) throw new HttpError(422, 'invalid_body', `testedAt: the test time is ${problem === 'future' ? 'in the future' : 'older than 7 days'}.`);
      const bytes = Buffer.from(upload.photo.base64, 'base64');
      if (bytes.length !== upload.photo.bytes) {
        throw new HttpError(422, 'invalid_body', `photo: declared ${upload.photo.bytes} bytes but carries ${bytes.length}.`);
      }
      const jpeg = readJpegInfo(bytes);
      if (!jpeg) throw new HttpError(415, 'unsupported_media_type', 'photo: the bytes are not a JPEG image.');
      if (jpeg.width !== upload.photo.width || jpeg.height !== upload.photo.height) {
        throw new HttpError(422, 'invalid_body', `photo: declared ${upload.photo.width}×${upload.photo.height} but is ${jpeg.width}×${jpeg.height}.`);
      }
      const kit = await antigenChecks.kit(upload, batch);
      const photo = await antigenChecks.photo(bytes, batch);
      const reading = readStrip(photo.raster, kit.template);
      // The citizen's declaration is stored as made; a strip that disagrees or cannot be read only sends it to a reviewer.
      const trust = reading.result === upload.result ? 'self-verified' : 'self-review';
      const test = { id, testedAt: new Date(upload.testedAt).toISOString(), result: upload.result, kit: upload.kit, lot: upload.lot, trust } as const;
      const at = receivedAt.toISOString();
      return async ({ records, antigenPhotos, antigenKits }) => {
        await records.putAntigenTest(citizenId, test, at);
        await antigenPhotos.put({ citizenId, testId: id, contentType: 'image/jpeg', width: jpeg.width, height: jpeg.height, bytes });
        await antigenPhotos.putHash({ citizenId, testId: id, hash: photo.hash, print: photo.print, createdAt: at });
        await antigenKits.use({ gtin: kit.gtin, serial: kit.serial, citizenId, testId: id, usedAt: at });
      };
    },
    'check-in': async ({ venueToken, scannedAt }, { id, citizenId, receivedAt }) => {
      const venue = venuePayload.safeParse(await signer.verify(venueToken));
      if (!venue.success) throw new HttpError(422, 'invalid_venue_code', 'venueToken: not a valid place code from this service.');
      const scanned = Date.parse(scannedAt);
      if (scanned > receivedAt.getTime() + 5 * 60 * 1000) throw new HttpError(422, 'invalid_body', 'scannedAt: lies in the future.');
      const scannedIso = new Date(scanned).toISOString();
      // A scan already past the retention period is acknowledged but not kept: it would be deleted at once.
      if (scannedIso < checkInCutoff(receivedAt.getTime())) return nothing;
      return (_stores, bulk) => {
        bulk.checkIns.push({
          id,
          citizenId,
          venueNumber: venue.data.id,
          venueName: venue.data.n,
          district: venue.data.d,
          scannedAt: scannedIso,
          receivedAt: receivedAt.toISOString(),
        });
        return Promise.resolve();
      };
    },
  };
}

function isOutboxKind(kind: string): kind is OutboxKindName {
  return Object.hasOwn(outboxPayloads, kind);
}

type Checked = { item: SyncItem; result: SyncItemResult } | { item: SyncItem; write: Write };
/** An item ready to store, under the citizen whose id space it claims. */
interface Accepted {
  citizenId: string;
  item: SyncItem;
  write: Write;
}

/** Runs `work`; a 4xx it throws becomes the item's 'rejected' answer, with the reason. */
export async function orRejected(item: SyncItem, work: () => SyncItemResult | Promise<SyncItemResult>): Promise<SyncItemResult> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    return { id: item.id, status: 'rejected', error: { code: error.code, message: error.message } };
  }
}

export function createSyncService(deps: { storage: Storage; signer: Signer }) {
  const { storage } = deps;
  const handlers = createHandlers(deps.signer, createAntigenChecks(storage));

  /** Parses and checks one item; its refusal is thrown as HttpError. */
  async function prepare(citizenId: string, item: SyncItem, receivedAt: Date, batch: BatchClaims): Promise<Write> {
    if (!isOutboxKind(item.kind)) throw new HttpError(400, 'bad_request', `Unknown kind ${item.kind}.`);
    const parsed = outboxPayloads[item.kind].safeParse(item.payload);
    if (!parsed.success) throw new HttpError(400, 'invalid_body', issueText(parsed.error, 'invalid payload'));
    // The schema just parsed is the one keyed by this kind, so the payload fits its handler.
    const prepareKind = handlers[item.kind] as Prepare<OutboxKindName>;
    return prepareKind(parsed.data, { id: item.id, citizenId, receivedAt, batch });
  }

  async function check(citizenId: string, item: SyncItem, owner: SyncItemOwner | undefined, receivedAt: Date, batch: BatchClaims): Promise<Checked> {
    let write: Write | undefined;
    const result = await orRejected(item, async () => {
      if (owner) return outcome(item, owner);
      write = await prepare(citizenId, item, receivedAt, batch);
      return { id: item.id, status: 'stored' };
    });
    if (write && result.status === 'stored') return { item, write };
    if (result.status !== 'rejected' || owner) return { item, result };
    // The same id sent to another node at once may have been stored while this copy was checked, spending
    // what the check found spent (a kit serial, a photo): that copy is a resend, not a refusal.
    const ownerNow = (await storage.syncItems.owners(citizenId, [item.id])).get(item.id);
    return { item, result: ownerNow ? await orRejected(item, () => outcome(item, ownerNow)) : result };
  }

  /**
   * Claims each accepted id under its citizen and stores its effects, all in one transaction; gives back, for
   * each entry, 'claimed' or whose the id turned out to be (a second copy in this batch, or sent to another
   * node at once).
   */
  async function commit(accepted: readonly Accepted[], receivedAt: Date) {
    const claims = new Map<SyncItem, 'claimed' | SyncItemOwner>();
    if (accepted.length === 0) return claims;
    const byCitizen = new Map<string, Accepted[]>();
    for (const entry of accepted) byCitizen.set(entry.citizenId, [...(byCitizen.get(entry.citizenId) ?? []), entry]);
    await storage.transaction(async (stores) => {
      const bulk: BulkRows = { checkIns: [], alreadyStored: new Set() };
      const stored = new Set<string>();
      for (const [citizenId, entries] of byCitizen) {
        const byId = await stores.syncItems.claim(citizenId, entries.map(({ item }) => item), receivedAt.toISOString());
        for (const { item, write } of entries) {
          const owner = byId.get(item.id) ?? 'mine';
          // Only the first copy of an id in the batch stores it; a later copy is a resend.
          if (owner === 'claimed' && !stored.has(item.id)) {
            stored.add(item.id);
            await write(stores, bulk);
            claims.set(item, bulk.alreadyStored.has(item.id) ? 'mine' : 'claimed');
          } else {
            claims.set(item, owner === 'claimed' ? 'mine' : owner);
          }
        }
      }
      await stores.checkIns.record(bulk.checkIns);
    });
    return claims;
  }

  function answer(item: SyncItem, claim: 'claimed' | SyncItemOwner | undefined): SyncItemResult {
    return claim === 'claimed' || claim === undefined ? { id: item.id, status: 'stored' } : outcome(item, claim);
  }

  return {
    /** Stores what it can of a batch and answers for every item, in order. */
    async storeBatch(citizenId: string, items: readonly SyncItem[]): Promise<SyncItemResult[]> {
      const receivedAt = new Date();
      const owners = await storage.syncItems.owners(citizenId, items.map((item) => item.id));
      const checked: Checked[] = [];
      const batch = newBatchClaims();
      // One at a time: a batch is small, and checks run in the order the device queued them.
      for (const item of items) checked.push(await check(citizenId, item, owners.get(item.id), receivedAt, batch));
      const claims = await commit(
        checked.filter((entry) => 'write' in entry).map((entry) => ({ ...entry, citizenId })),
        receivedAt,
      );
      return Promise.all(
        checked.map(async (entry) => ('result' in entry ? entry.result : orRejected(entry.item, () => answer(entry.item, claims.get(entry.item))))),
      );
    },
    /** Stores one item; a refusal is thrown as the HttpError that says why. */
    async storeItem(citizenId: string, item: SyncItem): Promise<SyncItemResult> {
      const receivedAt = new Date();
      const owner = (await storage.syncItems.owners(citizenId, [item.id])).get(item.id);
      if (owner) return outcome(item, owner);
      const write = await prepare(citizenId, item, receivedAt, newBatchClaims());
      return answer(item, (await commit([{ citizenId, item, write }], receivedAt)).get(item));
    },
    /**
     * Stores check-ins made for citizens by someone else (a venue's kiosk), each claiming its client-made id
     * under the citizen it is of, exactly as that citizen's own device would: a resend answers 'duplicate'.
     * A refusal per item (an id someone else spent) comes back as that item's 'rejected' answer.
     */
    async storeCheckInsFor(visits: readonly { citizenId: string; item: SyncItem; checkIn: NewCheckIn }[], receivedAt: Date): Promise<Map<SyncItem, SyncItemResult>> {
      const accepted = visits.map(({ citizenId, item, checkIn }): Accepted => ({
        citizenId,
        item,
        write: async (stores, bulk) => {
          // A visit whose id is not the item's (one live code, one visit) claims that id too, in this transaction:
          // two kiosks sending one code at once to two nodes both pass the check before, and only one claims it.
          if (checkIn.id !== item.id) {
            const visitClaim = `visit:${checkIn.id}`;
            const claimed = await stores.syncItems.claim(citizenId, [{ id: visitClaim, kind: item.kind }], receivedAt.toISOString());
            if (claimed.get(visitClaim) !== 'claimed') {
              bulk.alreadyStored.add(item.id);
              return;
            }
          }
          bulk.checkIns.push(checkIn);
        },
      }));
      const claims = await commit(accepted, receivedAt);
      const results = new Map<SyncItem, SyncItemResult>();
      for (const { item } of visits) results.set(item, await orRejected(item, () => answer(item, claims.get(item))));
      return results;
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
