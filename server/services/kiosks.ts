/**
 * 数字哨兵: a venue owner pairs a device as the venue's kiosk and may revoke it; the kiosk, known only by its
 * pairing token, logs the visits it passed and looks visitors up by ID number.
 *
 * A pairing token is shown once; only its SHA-256 is kept, and every kiosk request reads the kiosk's row, so
 * a revocation holds on every node at once. A visit the kiosk sends is believed only after the server has
 * verified the scanned code again at the scan time, with its own published keys: a kiosk can add check-ins
 * only at its own venue and only for people whose codes it really read. An ID-number lookup answers the
 * status and nothing else, is in the citizen's access log before it answers, and is counted per kiosk in the
 * database so that every node shares the limits.
 */
import { issueText } from '../../core/contract/common.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import { type Kiosk, type kioskIdLookupBody, kioskLookupDefaults, type KioskLookupStatus, type KioskMe, kioskVisitKind, kioskVisitUpload } from '../../core/contract/kiosks.ts';
import type { RuleSet } from '../../core/contract/records.ts';
import type { SyncItem, SyncItemResult } from '../../core/contract/sync.ts';
import { checkInRetentionDays, defaultVenueRuleSetId, type Venue } from '../../core/contract/venues.ts';
import type { CodeRefusal } from '../../core/crypto/health-code.ts';
import { readHealthCode } from '../../core/crypto/read-health-code.ts';
import { evaluate } from '../../core/rules/evaluate.ts';
import { factsFromRecords } from '../../core/rules/facts.ts';
import { HttpError } from '../http/errors.ts';
import type { NewCheckIn } from '../storage/check-ins.ts';
import type { KioskWithVenue } from '../storage/kiosks.ts';
import type { Storage } from '../storage/storage.ts';
import type { AccessLogService } from './access-log.ts';
import { clockWindowEnd, retryAfterSeconds } from './login-limits.ts';
import { shanghaiDayEnd } from '../../core/shanghai-time.ts';
import { lookupDocument } from './kiosk-document.ts';
import { maskName } from './masking.ts';
import { sha256Hex } from './sha256.ts';
import type { Signer } from './signer.ts';
import { orRejected, type SyncService } from './sync.ts';

export interface KioskLookupLimits {
  perMinute: number;
  perDay: number;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
/** A kiosk clock a little ahead of the server's must not make a fresh scan a "future" one. */
const scanSkewMs = 5 * minuteMs;
/** `last_seen_at` is written at most this often: every kiosk request would otherwise be a write. */
const seenEveryMs = minuteMs;

const tokenPrefix = 'ssk1';
const tokenPattern = /^ssk1\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{43}$/;

/** The one answer for a venue that does not exist or is not the caller's. */
const noSuchVenue = () => new HttpError(404, 'not_found', 'No venue has that number.');

/** A code the server does not accept as read at the scan time, with the contract code that says why. */
function refusal(reason: CodeRefusal): HttpError {
  switch (reason) {
    case 'stale':
    case 'future':
      return new HttpError(422, 'kiosk_code_stale', `code: its timestamp is not within the freshness window of scannedAt (${reason}).`);
    case 'expired':
    case 'paper-expired':
      return new HttpError(422, 'kiosk_code_expired', 'code: it had expired at scannedAt.');
    case 'clock':
      return new HttpError(422, 'kiosk_scan_time', 'scannedAt: lies before the code was issued.');
    default:
      return new HttpError(422, 'kiosk_code_invalid', `code: not a health code this service signed (${reason}).`);
  }
}

export function createKioskService(
  deps: { storage: Storage; signer: Signer; accessLog: AccessLogService; sync: SyncService; limits?: KioskLookupLimits },
  now: () => number = Date.now,
) {
  const { storage, signer, accessLog, sync } = deps;
  const limits = deps.limits ?? kioskLookupDefaults;

  async function ownedVenue(ownerId: string, number: string): Promise<Venue> {
    const venue = await storage.venues.ownedVenue(ownerId, number);
    if (!venue) throw noSuchVenue();
    return venue;
  }

  async function ruleSetOf(venue: KioskWithVenue['venue']): Promise<RuleSet> {
    const published = await storage.ruleSets.all();
    // A rule set withdrawn after the venue chose it leaves the venue on the default rule.
    const chosen = published.find((set) => set.id === venue.ruleSetId) ?? published.find((set) => set.id === defaultVenueRuleSetId);
    if (!chosen) throw new Error(`neither rule set ${venue.ruleSetId} nor ${defaultVenueRuleSetId} is published`);
    return chosen;
  }

  /** The check-in a verified visit becomes; refuses what the server cannot believe the kiosk read. */
  async function verifiedVisit(kiosk: KioskWithVenue, item: SyncItem, receivedAt: number): Promise<{ citizenId: string; checkIn: NewCheckIn }> {
    if (item.kind !== kioskVisitKind) throw new HttpError(400, 'bad_request', `Unknown kind ${item.kind}.`);
    const parsed = kioskVisitUpload.safeParse(item.payload);
    if (!parsed.success) throw new HttpError(400, 'invalid_body', issueText(parsed.error, 'invalid payload'));
    const scanned = Date.parse(parsed.data.scannedAt);
    if (scanned > receivedAt + scanSkewMs) throw new HttpError(422, 'kiosk_scan_time', 'scannedAt: lies in the future.');
    if (scanned < receivedAt - checkInRetentionDays * 24 * hourMs) {
      throw new HttpError(422, 'kiosk_scan_time', `scannedAt: older than the ${checkInRetentionDays} days check-ins are kept.`);
    }
    const read = await readHealthCode(parsed.data.code, signer.lookup, scanned);
    if (!read.ok) throw refusal(read.reason);
    const subject = read.claims.s;
    if (!(await storage.citizens.byId(subject))) throw new HttpError(422, 'kiosk_code_invalid', 'code: its holder has no account any more.');
    // A colour change recorded before the scan withdrew every code signed before it (the revocation list).
    const changed = await storage.revocations.lastChangeOf(subject);
    if (changed !== undefined && Date.parse(changed) <= scanned && read.claims.iat * 1000 < Date.parse(changed)) {
      throw new HttpError(422, 'kiosk_code_expired', 'code: withdrawn by a colour change before scannedAt.');
    }
    return {
      citizenId: subject,
      checkIn: {
        id: item.id,
        citizenId: subject,
        venueNumber: kiosk.venue.number,
        venueName: kiosk.venue.name,
        district: kiosk.venue.district,
        scannedAt: new Date(scanned).toISOString(),
        receivedAt: new Date(receivedAt).toISOString(),
      },
    };
  }

  /** Takes one lookup from the kiosk's minute and day, or refuses with when to try again. */
  async function countLookup(kioskId: string): Promise<void> {
    const at = now();
    const day = { key: `kiosk-lookups-day:${kioskId}`, windowEnd: shanghaiDayEnd(at), limit: limits.perDay };
    const minute = { key: `kiosk-lookups-minute:${kioskId}`, windowEnd: clockWindowEnd(at, minuteMs), limit: limits.perMinute };
    const full = await storage.loginThrottle.claimAll([day, minute]);
    if (full) {
      const what = full === day ? `${limits.perDay} today` : `${limits.perMinute} this minute`;
      throw new HttpError(429, 'kiosk_lookup_limited', `This kiosk has made its ${what} ID lookups; try again later.`, {
        retryAfterSeconds: retryAfterSeconds(full.windowEnd, at),
      });
    }
  }

  return {
    async pair(ownerId: string, number: string, label: string): Promise<{ kiosk: Kiosk; pairingToken: string }> {
      const venue = await ownedVenue(ownerId, number);
      const id = randomUUID();
      const pairingToken = `${tokenPrefix}.${id}.${randomBytes(32).toString('base64url')}`;
      const kiosk = await storage.kiosks.add({ id, venueNumber: venue.number, label, tokenHash: sha256Hex(pairingToken), createdAt: new Date(now()).toISOString() });
      return { kiosk, pairingToken };
    },
    async list(ownerId: string, number: string): Promise<Kiosk[]> {
      return storage.kiosks.ofVenue((await ownedVenue(ownerId, number)).number);
    },
    async revoke(ownerId: string, number: string, kioskId: string): Promise<void> {
      const venue = await ownedVenue(ownerId, number);
      if (!(await storage.kiosks.revoke(venue.number, kioskId, new Date(now()).toISOString()))) throw new HttpError(404, 'not_found', 'This venue has no such kiosk.');
    },
    async setRuleSet(ownerId: string, number: string, ruleSetId: string): Promise<Venue> {
      const venue = await ownedVenue(ownerId, number);
      if (!(await storage.ruleSets.all()).some((set) => set.id === ruleSetId)) {
        throw new HttpError(400, 'rule_set_unknown', `ruleSetId: ${ruleSetId} is not a published rule set.`);
      }
      await storage.venues.setRuleSet(venue.number, ruleSetId);
      return { ...venue, ruleSetId };
    },
    /** The kiosk a bearer token stands for; 401 for a token never issued or revoked. */
    async authenticate(token: string | undefined): Promise<KioskWithVenue> {
      const kiosk = token && tokenPattern.test(token) ? await storage.kiosks.byTokenHash(sha256Hex(token)) : undefined;
      if (!kiosk) throw new HttpError(401, 'kiosk_unauthorized', 'Send the kiosk pairing token as Authorization: Bearer <token>.');
      if (kiosk.revokedAt !== null) throw new HttpError(401, 'kiosk_revoked', 'This kiosk was unpaired by the venue owner; pair it again.');
      const at = now();
      if (kiosk.lastSeenAt === null || at - Date.parse(kiosk.lastSeenAt) >= seenEveryMs) await storage.kiosks.touch(kiosk.id, new Date(at).toISOString());
      return kiosk;
    },
    me(kiosk: KioskWithVenue): KioskMe {
      return { kiosk: { id: kiosk.id, label: kiosk.label }, venue: kiosk.venue };
    },
    /** Verifies and stores the visits a kiosk passed, each exactly once; answers per item, in order. */
    async sync(kiosk: KioskWithVenue, items: readonly SyncItem[]): Promise<SyncItemResult[]> {
      const receivedAt = now();
      // In the items' order; an item verified here is answered again once its claim is known.
      const answers = new Map<SyncItem, SyncItemResult>();
      const visits: { citizenId: string; item: SyncItem; checkIn: NewCheckIn }[] = [];
      for (const item of items) {
        const checked = await orRejected(item, async () => {
          visits.push({ item, ...(await verifiedVisit(kiosk, item, receivedAt)) });
          return { id: item.id, status: 'stored' };
        });
        answers.set(item, checked);
      }
      for (const [item, result] of await sync.storeCheckInsFor(visits, new Date(receivedAt))) answers.set(item, result);
      return [...answers.values()];
    },
    /**
     * The status of the person an ID number names, under the venue's rule; on PASS their visit is stored under
     * the lookup's id, once. The lookup is in the citizen's access log, and in the kiosk's, before it answers.
     */
    async lookup(kiosk: KioskWithVenue, body: z.infer<typeof kioskIdLookupBody>): Promise<KioskLookupStatus> {
      const document = lookupDocument(body);
      await countLookup(kiosk.id);
      const at = now();
      const log = { kioskId: kiosk.id, id: randomUUID(), venueNumber: kiosk.venue.number, at: new Date(at).toISOString() };
      const citizen = await storage.citizens.byDocument(document);
      if (!citizen) {
        await storage.kiosks.logLookup({ ...log, citizenId: null, outcome: 'unknown' });
        throw new HttpError(404, 'kiosk_id_unknown', 'No registered citizen has this ID number.');
      }
      await accessLog.record({
        subject: citizen.id,
        actor: { kind: 'kiosk', id: kiosk.venue.number, label: `${kiosk.venue.name} · ${kiosk.label}` },
        purpose: 'id-lookup',
        data: 'health-code',
      });
      const [pcrTests, antigenTests, ruleSet] = await Promise.all([storage.records.pcrTests(citizen.id), storage.records.antigenTests(citizen.id), ruleSetOf(kiosk.venue)]);
      const evaluation = evaluate(ruleSet, factsFromRecords(citizen.colour, pcrTests, antigenTests), at);
      const newestPcr = Math.max(...pcrTests.map((test) => Date.parse(test.sampledAt)));
      const status: KioskLookupStatus = {
        maskedName: maskName(citizen.name),
        colour: citizen.colour,
        pcrAgeHours: Number.isFinite(newestPcr) ? Math.max(0, Math.floor((at - newestPcr) / hourMs)) : null,
        pass: evaluation.pass,
        failedClauses: evaluation.failing.map((outcome) => outcome.clause.kind),
      };
      await storage.kiosks.logLookup({ ...log, citizenId: citizen.id, outcome: status.pass ? 'pass' : 'fail' });
      if (status.pass) {
        const item: SyncItem = { id: body.id, kind: 'kiosk-lookup', payload: null };
        const checkIn: NewCheckIn = {
          id: body.id,
          citizenId: citizen.id,
          venueNumber: kiosk.venue.number,
          venueName: kiosk.venue.name,
          district: kiosk.venue.district,
          scannedAt: log.at,
          receivedAt: log.at,
        };
        const stored = (await sync.storeCheckInsFor([{ citizenId: citizen.id, item, checkIn }], new Date(at))).get(item);
        if (stored?.status === 'rejected') throw new HttpError(409, 'bad_request', stored.error?.message ?? 'This id was already used.');
      }
      return status;
    },
  };
}

export type KioskService = ReturnType<typeof createKioskService>;
