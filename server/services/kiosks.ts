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
import { kioskCapDefaults } from '../../core/contract/console.ts';
import {
  type Kiosk,
  type kioskIdLookupBody,
  kioskLookupDefaults,
  kioskScanWindow,
  type KioskLookupStatus,
  type KioskMe,
  kioskVisitKind,
  kioskVisitUpload,
  lookupConfirmMinutes,
} from '../../core/contract/kiosks.ts';
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
  /** All kiosks of one venue, and all kiosks of one owner, a Shanghai day; the contract's defaults when absent. */
  perVenueDay?: number;
  perOwnerDay?: number;
}

/** How many kiosks may hold or ask for a licence at once, per venue and per owner (core/contract/console.ts). */
export interface KioskCaps {
  perVenue: number;
  perOwner: number;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
/** A kiosk clock a little ahead of the server's must not make a fresh scan a "future" one. */
const scanSkewMs = 5 * minuteMs;
/** `last_seen_at` is written at most this often: every kiosk request would otherwise be a write. */
const seenEveryMs = minuteMs;

const tokenPrefix = 'ssk1';
const tokenPattern = /^ssk1\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{43}$/;

/** A check-in id made from a live code's holder and signing time (UUID-shaped for the column): the same code, the same id. */
function liveVisitId(venueNumber: string, subject: string, signedAt: number): string {
  const hex = sha256Hex(`kiosk-live\u0000${venueNumber}\u0000${subject}\u0000${signedAt}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

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
  deps: { storage: Storage; signer: Signer; accessLog: AccessLogService; sync: SyncService; limits?: KioskLookupLimits; caps?: KioskCaps },
  now: () => number = Date.now,
) {
  const { storage, signer, accessLog, sync } = deps;
  const limits = { ...kioskLookupDefaults, ...deps.limits };
  const caps = deps.caps ?? kioskCapDefaults;

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
  async function verifiedVisit(kiosk: KioskWithVenue, item: SyncItem, receivedAt: number, offlineSeconds: number): Promise<{ citizenId: string; checkIn: NewCheckIn }> {
    if (item.kind !== kioskVisitKind) throw new HttpError(400, 'bad_request', `Unknown kind ${item.kind}.`);
    const parsed = kioskVisitUpload.safeParse(item.payload);
    if (!parsed.success) throw new HttpError(400, 'invalid_body', issueText(parsed.error, 'invalid payload'));
    const declared = Date.parse(parsed.data.scannedAt);
    if (declared > receivedAt + scanSkewMs) throw new HttpError(422, 'kiosk_scan_time', 'scannedAt: lies in the future.');
    if (declared < receivedAt - checkInRetentionDays * 24 * hourMs) {
      throw new HttpError(422, 'kiosk_scan_time', `scannedAt: older than the ${checkInRetentionDays} days check-ins are kept.`);
    }
    // The scan time is the kiosk's word only within what the server can see: no later than it arrived, no
    // earlier than the offline window the kiosk declares (capped); the code's freshness is judged at that time.
    const windowMs = (kioskScanWindow.onlineGraceSeconds + Math.min(offlineSeconds, kioskScanWindow.maxOfflineSeconds)) * 1000;
    const scanned = Math.min(Math.max(declared, receivedAt - windowMs), receivedAt);
    const read = await readHealthCode(parsed.data.code, signer.lookup, scanned);
    if (!read.ok) throw refusal(read.reason);
    const subject = read.claims.s;
    // One live code, one visit: its id comes from the code itself, so the same code under another item id is found.
    const id = read.kind === 'live' ? liveVisitId(kiosk.venue.number, subject, read.signedAt) : item.id;
    if (!(await storage.citizens.byId(subject))) throw new HttpError(422, 'kiosk_code_invalid', 'code: its holder has no account any more.');
    // A colour change recorded before the scan withdrew every code signed before it (the revocation list).
    const changed = await storage.revocations.lastChangeOf(subject);
    if (changed !== undefined && Date.parse(changed) <= scanned && read.claims.iat * 1000 < Date.parse(changed)) {
      throw new HttpError(422, 'kiosk_code_expired', 'code: withdrawn by a colour change before scannedAt.');
    }
    return {
      citizenId: subject,
      checkIn: {
        id,
        citizenId: subject,
        venueNumber: kiosk.venue.number,
        venueName: kiosk.venue.name,
        district: kiosk.venue.district,
        scannedAt: new Date(scanned).toISOString(),
        receivedAt: new Date(receivedAt).toISOString(),
      },
    };
  }

  /**
   * Takes one lookup from the kiosk's minute and day, the venue's day and the owner's day (all their kiosks
   * together: more devices buy no more lookups), or refuses with when to try again.
   */
  async function countLookup(kiosk: KioskWithVenue): Promise<void> {
    const at = now();
    const dayEnd = shanghaiDayEnd(at);
    const windows = [
      { key: `kiosk-lookups-day:${kiosk.id}`, windowEnd: dayEnd, limit: limits.perDay, what: `This kiosk has made its ${limits.perDay} ID lookups today` },
      { key: `kiosk-lookups-minute:${kiosk.id}`, windowEnd: clockWindowEnd(at, minuteMs), limit: limits.perMinute, what: `This kiosk has made its ${limits.perMinute} ID lookups this minute` },
      { key: `venue-lookups-day:${kiosk.venue.number}`, windowEnd: dayEnd, limit: limits.perVenueDay, what: `This venue's kiosks have made their ${limits.perVenueDay} ID lookups today` },
      // The owner's key is a hash, not the citizen id: it ages out with the day, but must never name them meanwhile.
      { key: `owner-lookups-day:${sha256Hex(kiosk.venue.ownerId)}`, windowEnd: dayEnd, limit: limits.perOwnerDay, what: `This owner's kiosks have made their ${limits.perOwnerDay} ID lookups today` },
    ];
    const full = await storage.loginThrottle.claimAll(windows);
    if (full) {
      const window = windows.find((candidate) => candidate.key === full.key);
      throw new HttpError(429, 'kiosk_lookup_limited', `${window?.what ?? 'Too many ID lookups'}; try again later.`, {
        retryAfterSeconds: retryAfterSeconds(full.windowEnd, at),
      });
    }
  }

  /** Only a licensed kiosk of an approved venue may log visits or look anyone up. */
  function requireLicence(kiosk: KioskWithVenue): void {
    if (kiosk.licence !== 'licensed' || kiosk.venue.status !== 'approved') {
      throw new HttpError(403, 'kiosk_unlicensed', `This kiosk is not licensed (${kiosk.licence}); the district's operator licenses it.`);
    }
  }

  /** What the citizen's 查询记录 shows for a kiosk: venue name and number, address, and which kiosk. */
  const actorLabel = (kiosk: KioskWithVenue) => `${kiosk.venue.name}（${kiosk.venue.number}）· ${kiosk.venue.address} · ${kiosk.label}`;

  async function storeVisit(kiosk: KioskWithVenue, citizenId: string, id: string, at: number): Promise<void> {
    const stamp = new Date(at).toISOString();
    const item: SyncItem = { id, kind: 'kiosk-lookup', payload: null };
    const checkIn: NewCheckIn = { id, citizenId, venueNumber: kiosk.venue.number, venueName: kiosk.venue.name, district: kiosk.venue.district, scannedAt: stamp, receivedAt: stamp };
    const stored = (await sync.storeCheckInsFor([{ citizenId, item, checkIn }], new Date(at))).get(item);
    if (stored?.status === 'rejected') throw new HttpError(409, 'bad_request', stored.error?.message ?? 'This id was already used.');
  }

  return {
    async pair(ownerId: string, number: string, label: string): Promise<{ kiosk: Kiosk; pairingToken: string }> {
      const venue = await ownedVenue(ownerId, number);
      if (venue.status !== 'approved') throw new HttpError(403, 'venue_unapproved', 'Kiosks are for approved venues only: the district reviews this venue first.');
      if ((await storage.kiosks.holdingAt(venue.number)) >= caps.perVenue) {
        throw new HttpError(409, 'kiosk_cap', `A venue may hold at most ${caps.perVenue} kiosks; unpair one first.`);
      }
      if ((await storage.kiosks.holdingOf(ownerId)) >= caps.perOwner) {
        throw new HttpError(409, 'kiosk_cap', `One owner may hold at most ${caps.perOwner} kiosks; unpair one first.`);
      }
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
      const { number, name, district, address, ruleSetId } = kiosk.venue;
      return { kiosk: { id: kiosk.id, label: kiosk.label, licence: kiosk.licence, typedIdAllowed: kiosk.typedIdAllowed }, venue: { number, name, district, address, ruleSetId } };
    },
    /** Verifies and stores the visits a kiosk passed, each exactly once; answers per item, in order. */
    async sync(kiosk: KioskWithVenue, items: readonly SyncItem[], offlineSeconds = 0): Promise<SyncItemResult[]> {
      requireLicence(kiosk);
      const receivedAt = now();
      // In the items' order; an item verified here is answered again once its claim is known.
      const answers = new Map<SyncItem, SyncItemResult>();
      const visits: { citizenId: string; item: SyncItem; checkIn: NewCheckIn }[] = [];
      const reused = () => new HttpError(422, 'kiosk_code_stale', 'code: this live code was already logged as a visit; one live code is one visit.');
      for (const item of items) {
        const checked = await orRejected(item, async () => {
          const visit = await verifiedVisit(kiosk, item, receivedAt, offlineSeconds);
          // A resend of an item already stored is answered 'duplicate' below; only another item id is a reuse.
          const resent = (await storage.syncItems.owners(visit.citizenId, [item.id])).size > 0;
          if (!resent && (visits.some((v) => v.checkIn.id === visit.checkIn.id) || (await storage.checkIns.has(visit.checkIn.id)))) throw reused();
          visits.push({ item, ...visit });
          return { id: item.id, status: 'stored' };
        });
        answers.set(item, checked);
      }
      for (const [item, result] of await sync.storeCheckInsFor(visits, new Date(receivedAt))) answers.set(item, result);
      return [...answers.values()];
    },
    /**
     * The status of the person an ID number names, under the venue's rule: pass or fail, masked name, failing
     * clauses. A number no one holds answers the same shape (a fail). A document read that passes logs the
     * visit under the lookup's id, once; a typed one waits for `confirm`. The lookup is in the citizen's
     * access log, and in the kiosk's, before it answers.
     */
    async lookup(kiosk: KioskWithVenue, body: z.infer<typeof kioskIdLookupBody>): Promise<{ status: KioskLookupStatus; logged: boolean }> {
      requireLicence(kiosk);
      if (body.source === 'typed' && !kiosk.typedIdAllowed) {
        throw new HttpError(403, 'typed_id_not_allowed', 'Typed ID numbers are not enabled for this kiosk: read the card.');
      }
      const document = lookupDocument(body);
      await countLookup(kiosk);
      const at = now();
      const log = { kioskId: kiosk.id, id: body.id, venueNumber: kiosk.venue.number, at: new Date(at).toISOString(), source: body.source };
      const citizen = await storage.citizens.byDocument(document);
      if (!citizen) {
        await storage.kiosks.logLookup({ ...log, id: randomUUID(), citizenId: null, outcome: 'unknown' });
        // No green code exists for a number no one holds: the code-colour clause fails, and nothing else is said.
        return { status: { maskedName: '', pass: false, failedClauses: ['code-colour'] }, logged: false };
      }
      await accessLog.record({
        subject: citizen.id,
        actor: { kind: 'kiosk', id: kiosk.venue.number, label: actorLabel(kiosk) },
        purpose: 'id-lookup',
        data: 'health-code',
      });
      const [pcrTests, antigenTests, ruleSet] = await Promise.all([storage.records.pcrTests(citizen.id), storage.records.antigenTests(citizen.id), ruleSetOf(kiosk.venue)]);
      const evaluation = evaluate(ruleSet, factsFromRecords(citizen.colour, pcrTests, antigenTests), at);
      const status: KioskLookupStatus = {
        maskedName: maskName(citizen.name),
        pass: evaluation.pass,
        failedClauses: evaluation.failing.map((outcome) => outcome.clause.kind),
      };
      // A retried lookup (same id) is logged once; its answer is given again.
      const earlier = await storage.kiosks.lookupOf(kiosk.id, body.id);
      if (!earlier) await storage.kiosks.logLookup({ ...log, citizenId: citizen.id, outcome: status.pass ? 'pass' : 'fail' });
      const logged = status.pass && body.source === 'document';
      if (logged) await storeVisit(kiosk, citizen.id, body.id, at);
      return { status, logged };
    },
    /** The staff's tap after a typed lookup passed: logs that visit, once, within lookupConfirmMinutes. */
    async confirm(kiosk: KioskWithVenue, id: string): Promise<void> {
      requireLicence(kiosk);
      const found = await storage.kiosks.lookupOf(kiosk.id, id);
      const at = now();
      const fresh = found !== undefined && at - Date.parse(found.at) <= lookupConfirmMinutes * minuteMs;
      if (!found || found.outcome !== 'pass' || found.source !== 'typed' || !found.citizenId || !fresh) {
        throw new HttpError(404, 'not_found', 'No passed typed lookup of this kiosk has that id (or it is too old to confirm).');
      }
      // The visit first, under the lookup's id (a repeat stores nothing new), then the mark: a confirm whose
      // write failed after the mark would otherwise be lost to every retry.
      await storeVisit(kiosk, found.citizenId, id, at);
      await storage.kiosks.confirmLookup(kiosk.id, id, new Date(at).toISOString());
    },
  };
}

export type KioskService = ReturnType<typeof createKioskService>;
