/**
 * What operators do (docs/authority.md): review venues and license kiosks in their district (a city
 * administrator in every district), manage providers and review self-tests (city administrators only for
 * providers), and read their own audit. Every action is in the append-only audit before it answers; a
 * venue or kiosk of another district answers 404, as one that does not exist.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import type { AntigenReviewItem } from '../../core/contract/antigen-review.ts';
import type { AntigenTest } from '../../core/contract/antigen.ts';
import {
  type addProviderBody,
  type AuditAction,
  type AuditEntry,
  type decideKioskBody,
  type decideVenueBody,
  kioskCapDefaults,
  type KioskLicence,
  type OperatorKiosk,
  type OperatorVenue,
  type VenueStatus,
} from '../../core/contract/console.ts';
import type { ProviderScope } from '../../core/contract/feeds.ts';
import { shanghaiDayStart } from '../../core/shanghai-time.ts';
import { HttpError } from '../http/errors.ts';
import type { KioskForOperator } from '../storage/kiosks.ts';
import type { OperatorRow } from '../storage/operators.ts';
import type { Storage } from '../storage/storage.ts';
import type { VenueForReview } from '../storage/venues.ts';
import type { AntigenReviewService } from './antigen-reviews.ts';
import type { KioskCaps } from './kiosks.ts';
import { maskPhone } from './masking.ts';
import { ProviderError, type ProviderService } from './providers.ts';

const listLimit = 500;
const auditPage = 200;

/** The district an operator acts for; undefined means every district (a city administrator). */
const scopeOf = (operator: OperatorRow): string | undefined => (operator.role === 'city-admin' ? undefined : (operator.district ?? ''));
const inScope = (operator: OperatorRow, district: string) => operator.role === 'city-admin' || operator.district === district;

function venueView(venue: VenueForReview): OperatorVenue {
  return {
    number: venue.number,
    name: venue.name,
    district: venue.district,
    address: venue.address,
    kind: venue.kind,
    createdAt: venue.createdAt,
    status: venue.status,
    owner: { name: venue.ownerName, maskedPhone: venue.ownerPhone ? maskPhone(venue.ownerPhone) : '' },
    reviewedBy: venue.reviewedBy,
    reviewedAt: venue.reviewedAt,
    note: venue.note,
    kioskCount: venue.kioskCount,
  };
}

function kioskView(kiosk: KioskForOperator): OperatorKiosk {
  const { number, name, district, address } = kiosk.venue;
  return {
    id: kiosk.id,
    label: kiosk.label,
    venue: { number, name, district, address },
    licence: kiosk.licence,
    typedIdAllowed: kiosk.typedIdAllowed,
    createdAt: kiosk.createdAt,
    lastSeenAt: kiosk.lastSeenAt,
    unpairedAt: kiosk.revokedAt,
    licensedAt: kiosk.licensedAt,
    counts: kiosk.counts,
  };
}

export function createAuthorityService(
  deps: { storage: Storage; providers: ProviderService; antigenReviews: AntigenReviewService; caps?: KioskCaps },
  now: () => number = Date.now,
) {
  const { storage, providers, antigenReviews } = deps;
  const caps = deps.caps ?? kioskCapDefaults;
  const dayStart = () => new Date(shanghaiDayStart(now())).toISOString();

  async function audit(operator: OperatorRow, action: AuditAction, target: string, detail: string | null = null): Promise<void> {
    const entry: AuditEntry = { id: randomUUID(), at: new Date(now()).toISOString(), operatorId: operator.id, operatorName: operator.name, action, target, detail };
    await storage.operators.audit(entry);
  }

  function cityAdmin(operator: OperatorRow): void {
    if (operator.role !== 'city-admin') throw new HttpError(403, 'forbidden', 'Only a city administrator manages data providers.');
  }

  async function kioskInScope(operator: OperatorRow, kioskId: string): Promise<KioskForOperator> {
    const kiosk = await storage.kiosks.oneForOperator(kioskId, dayStart());
    if (!kiosk || !inScope(operator, kiosk.venue.district)) throw new HttpError(404, 'not_found', 'No kiosk in your district has that id.');
    return kiosk;
  }

  /** Licensing one more must stay within the venue's and the owner's caps of licensed kiosks. */
  async function withinCaps(kiosk: KioskForOperator): Promise<void> {
    const licensed: KioskLicence[] = ['licensed'];
    if ((await storage.kiosks.holdingAt(kiosk.venue.number, licensed)) >= caps.perVenue) {
      throw new HttpError(409, 'kiosk_cap', `This venue has ${caps.perVenue} licensed kiosks already, its cap.`);
    }
    if ((await storage.kiosks.holdingOf(kiosk.venue.ownerId, licensed)) >= caps.perOwner) {
      throw new HttpError(409, 'kiosk_cap', `This venue's owner has ${caps.perOwner} licensed kiosks already, the cap per owner.`);
    }
  }

  /** A provider refusal (name taken, unknown) as an API answer, in the words the CLI prints. */
  const asHttp = (error: unknown): never => {
    if (error instanceof ProviderError) throw new HttpError(409, 'bad_request', error.message);
    throw error;
  };

  return {
    audit,
    async venues(operator: OperatorRow, status: VenueStatus): Promise<OperatorVenue[]> {
      return (await storage.venues.forReview(status, scopeOf(operator), listLimit)).map(venueView);
    },
    async decideVenue(operator: OperatorRow, number: string, body: z.infer<typeof decideVenueBody>): Promise<OperatorVenue> {
      const venue = await storage.venues.oneForReview(number);
      if (!venue || !inScope(operator, venue.district)) throw new HttpError(404, 'not_found', 'No venue in your district has that number.');
      const status: VenueStatus = body.decision === 'approve' ? 'approved' : 'refused';
      const at = new Date(now()).toISOString();
      const note = body.note || null;
      await storage.transaction(async (stores) => {
        await stores.venues.setStatus(number, { status, by: operator.name, at, note });
        // A venue no longer approved keeps no working kiosk.
        const suspended = status === 'refused' ? await stores.kiosks.suspendAllAt(number) : [];
        await stores.operators.audit({
          id: randomUUID(),
          at,
          operatorId: operator.id,
          operatorName: operator.name,
          action: status === 'approved' ? 'venue.approve' : 'venue.refuse',
          target: number,
          detail: [note, suspended.length > 0 ? `kiosks suspended: ${suspended.join(',')}` : null].filter(Boolean).join(' · ') || null,
        });
      });
      const decided = await storage.venues.oneForReview(number);
      if (!decided) throw new HttpError(404, 'not_found', 'No venue has that number.');
      return venueView(decided);
    },
    async kiosks(operator: OperatorRow, licence: KioskLicence | undefined): Promise<OperatorKiosk[]> {
      const all = await storage.kiosks.forOperator(scopeOf(operator), dayStart());
      const order: Record<KioskLicence, number> = { requested: 0, licensed: 1, suspended: 2, revoked: 3 };
      return all
        .filter((kiosk) => licence === undefined || kiosk.licence === licence)
        .sort((a, b) => order[a.licence] - order[b.licence])
        .map(kioskView);
    },
    async decideKiosk(operator: OperatorRow, kioskId: string, body: z.infer<typeof decideKioskBody>): Promise<OperatorKiosk> {
      const kiosk = await kioskInScope(operator, kioskId);
      const at = new Date(now()).toISOString();
      if (kiosk.licence === 'revoked') throw new HttpError(409, 'bad_request', 'A revoked licence is final; the owner pairs a new device.');
      if (body.action === 'license') {
        if (kiosk.venue.status !== 'approved') throw new HttpError(409, 'venue_unapproved', 'The venue is not approved: approve it before licensing its kiosks.');
        if (kiosk.revokedAt !== null) throw new HttpError(409, 'bad_request', 'The owner unpaired this device.');
        if (kiosk.licence !== 'licensed') await withinCaps(kiosk);
        await storage.kiosks.setLicence(kiosk.id, 'licensed', at);
        if (body.typedIdAllowed !== undefined) await storage.kiosks.setTypedId(kiosk.id, body.typedIdAllowed);
        await audit(operator, 'kiosk.license', kiosk.id, `venue ${kiosk.venue.number}${body.typedIdAllowed ? ' · typed ID allowed' : ''}${body.note ? ` · ${body.note}` : ''}`);
      } else if (body.action === 'set-typed-id') {
        if (body.typedIdAllowed === undefined) throw new HttpError(400, 'invalid_body', 'typedIdAllowed: required with set-typed-id.');
        await storage.kiosks.setTypedId(kiosk.id, body.typedIdAllowed);
        await audit(operator, 'kiosk.set-typed-id', kiosk.id, body.typedIdAllowed ? 'allowed' : 'not allowed');
      } else {
        const licence = body.action === 'suspend' ? 'suspended' : 'revoked';
        await storage.kiosks.setLicence(kiosk.id, licence, at);
        await audit(operator, body.action === 'suspend' ? 'kiosk.suspend' : 'kiosk.revoke', kiosk.id, body.note || null);
      }
      return kioskView(await kioskInScope(operator, kiosk.id));
    },

    async providers(operator: OperatorRow) {
      cityAdmin(operator);
      return providers.list();
    },
    async addProvider(operator: OperatorRow, body: z.infer<typeof addProviderBody>) {
      cityAdmin(operator);
      const apiKey = await providers.add(body.name, body.scopes.join(',')).catch(asHttp);
      await audit(operator, 'provider.add', body.name, body.scopes.join(','));
      const provider = (await providers.list()).find((listed) => listed.name === body.name);
      if (!provider) throw new Error(`provider ${body.name} vanished after it was added`);
      return { provider, apiKey };
    },
    async revokeProvider(operator: OperatorRow, name: string): Promise<void> {
      cityAdmin(operator);
      await providers.revoke(name).catch(asHttp);
      await audit(operator, 'provider.revoke', name);
    },

    /** The operator reviews as a reviewer of the health commission; the citizen's access log names them. */
    async antigenReviews(operator: OperatorRow): Promise<AntigenReviewItem[]> {
      const items = await antigenReviews.pending(reviewerOf(operator));
      await audit(operator, 'antigen-review.read', `${items.length} tests`);
      return items;
    },
    async decideAntigenReview(operator: OperatorRow, id: string, body: { decision: 'confirm' | 'reject'; note?: string | undefined }): Promise<AntigenTest> {
      const test = await antigenReviews.decide(reviewerOf(operator), id, body);
      await audit(operator, 'antigen-review.decide', id, body.decision);
      return test;
    },

    async auditOf(operator: OperatorRow, all: boolean): Promise<AuditEntry[]> {
      return storage.operators.auditOf(all && operator.role === 'city-admin' ? undefined : operator.id, auditPage);
    },
  };
}

const reviewScopes: readonly ProviderScope[] = ['antigen-review'];
function reviewerOf(operator: OperatorRow): { name: string; scopes: readonly ProviderScope[] } {
  return { name: `卫健委 · ${operator.name}`, scopes: reviewScopes };
}

export type AuthorityService = ReturnType<typeof createAuthorityService>;
