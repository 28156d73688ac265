/**
 * 亲友码: a citizen links a dependant by name and identity document (any type), proven by a one-time code sent to the
 * dependant's registered phone (shown on screen in demo mode). Both facts must match one citizen.
 *
 * Neither step tells a caller whether the pair matched (different answers would confirm name + ID pairs
 * without limit): asking for a code always answers "sent", and a
 * link that fails is a wrong code whatever the reason. Both steps are counted per caller before anything is
 * looked up, so that the limit itself answers alike.
 */
import { randomUUID } from 'node:crypto';
import type { Guardian, Profile } from '../../core/contract/account.ts';
import { lineDocument } from '../../core/contract/person.ts';
import type { IdentityDocument } from '../../core/identity/documents.ts';
import { maskName, maskPhone } from '../../core/identity/masking.ts';
import { HttpError } from '../http/errors.ts';
import { shanghaiDayEnd } from '../../core/shanghai-time.ts';
import type { CitizenStore } from '../storage/citizens.ts';
import type { FamilyLinkChange } from '../storage/schema.ts';
import type { LoginThrottleStore } from '../storage/login-throttle.ts';
import { otpLifetimeMs, type AuthService, type SentCode } from './auth.ts';
import type { CitizenService } from './citizens.ts';
import { clockWindowEnd, retryAfterSeconds } from './login-limits.ts';

/** A household has room for this many linked members; more suggests misuse, not a family. */
const maxDependants = 10;

/** Per caller, whatever the answers: a household asks for a few codes, an enumeration for thousands. */
export const familyLimits = { codeRequestsPerHour: 10, failedLinksPerDay: 10 } as const;

const hourMs = 60 * 60 * 1000;


/** The dependant's name and document, or resident ID number as before documents. */
interface Identity {
  name: string;
  idNumber?: string | undefined;
  document?: IdentityDocument | undefined;
}

export function createFamilyService(deps: {
  auth: AuthService;
  citizens: CitizenService;
  citizenStore: CitizenStore;
  /** Runs `work` over the citizen store in one transaction: a link's change and its record land together. */
  inTransaction: <T>(work: (store: CitizenStore) => Promise<T>) => Promise<T>;
  throttle: LoginThrottleStore;
  /** null in demo mode, where every code is on screen anyway: as the login limits, it counts nothing. */
  limits?: typeof familyLimits | null;
  now?: () => number;
}) {
  const { auth, citizens, citizenStore, inTransaction, throttle } = deps;
  const limits = deps.limits === undefined ? familyLimits : deps.limits;
  const now = deps.now ?? Date.now;

  /** Someone else with a phone to send the code to, or undefined: which of the reasons is never said. */
  async function dependantFor(guardianId: string, identity: Identity) {
    const dependant = await citizens.findByIdentity(identity.name, lineDocument(identity));
    if (!dependant || dependant.id === guardianId || !dependant.phone) return undefined;
    return { id: dependant.id, phone: dependant.phone };
  }

  async function claim(key: string, windowEnd: number, limit: number | undefined, what: string): Promise<void> {
    if (limit === undefined) return;
    const at = now();
    if (await throttle.claimAll([{ key, windowEnd, limit }])) {
      throw new HttpError(429, 'rate_limited', `Too many ${what}; try again later.`, { retryAfterSeconds: retryAfterSeconds(windowEnd, at) });
    }
  }

  const recordChange = (store: CitizenStore, dependantId: string, guardianId: string, change: FamilyLinkChange) =>
    store.recordLinkChange({ id: randomUUID(), dependantId, guardianId, change, at: new Date(now()).toISOString() });
  const notLinked = () => new HttpError(404, 'not_found', 'This person is not linked to you.');

  const wrongCode = () => new HttpError(401, 'otp_invalid', 'The code is not right, or has expired: ask for a new one.');

  return {
    async requestCode(guardianId: string, identity: Identity): Promise<SentCode> {
      await claim(`family-codes:${guardianId}`, clockWindowEnd(now(), hourMs), limits?.codeRequestsPerHour, 'family code requests this hour');
      const dependant = await dependantFor(guardianId, identity);
      const sent: SentCode = { expiresInSeconds: otpLifetimeMs / 1000 };
      if (!dependant) return sent;
      try {
        return await auth.sendOtp(dependant.phone, 'family-link');
      } catch (error) {
        // The phone's own limits (a code a moment ago, the day's codes) would tell a match apart: its last code still stands.
        if (error instanceof HttpError && error.status === 429) return sent;
        throw error;
      }
    },
    async link(guardianId: string, identity: Identity & { code: string }): Promise<Profile> {
      const failures = { key: `family-links:${guardianId}`, windowEnd: shanghaiDayEnd(now()) };
      await claim(failures.key, failures.windowEnd, limits?.failedLinksPerDay, 'failed family links today');
      const dependant = await dependantFor(guardianId, identity);
      if (!dependant) throw wrongCode();
      try {
        await auth.confirmOtp(dependant.phone, identity.code, 'family-link');
      } catch (error) {
        // "Expired" or "locked" would only ever be said of a pair that matched.
        if (error instanceof HttpError && (error.status === 401 || error.status === 429)) throw wrongCode();
        throw error;
      }
      // Only failures count against the day.
      await throttle.release(failures.key, failures.windowEnd);
      const already = await citizens.dependants(guardianId);
      if (!already.some((d) => d.id === dependant.id) && already.length >= maxDependants) {
        throw new HttpError(409, 'family_limit', `At most ${maxDependants} family members can be linked.`);
      }
      await inTransaction(async (store) => {
        if (await store.link(guardianId, dependant.id, new Date(now()).toISOString())) await recordChange(store, dependant.id, guardianId, 'linked');
      });
      const profile = await citizens.profile(dependant.id);
      if (!profile) throw new HttpError(404, 'not_found', 'No such citizen.');
      return profile;
    },
    async unlink(guardianId: string, dependantId: string): Promise<void> {
      const unlinked = await inTransaction(async (store) => {
        const removed = await store.unlink(guardianId, dependantId);
        if (removed) await recordChange(store, dependantId, guardianId, 'unlinked');
        return removed;
      });
      if (!unlinked) throw notLinked();
    },
    /** Who can show the dependant's code: each guardian masked as anyone else is, and since when. */
    async guardians(dependantId: string): Promise<Guardian[]> {
      return (await citizenStore.guardiansOf(dependantId)).map((link) => ({
        id: link.guardianId,
        maskedName: maskName(link.name),
        maskedPhone: link.phone ? maskPhone(link.phone) : null,
        linkedAt: link.linkedAt,
      }));
    },
    /**
     * The dependant removes a guardian from her account. Asked again once he is gone (a retry, a second tap,
     * or he unlinked first) it answers as the first time did; a guardian she never had is a 404, as is every
     * citizen not hers.
     */
    async leave(dependantId: string, guardianId: string): Promise<void> {
      const left = await inTransaction(async (store) => {
        if (await store.unlink(guardianId, dependantId)) {
          await recordChange(store, dependantId, guardianId, 'left');
          return true;
        }
        return store.everLinked(dependantId, guardianId);
      });
      if (!left) throw notLinked();
    },
  };
}

export type FamilyService = ReturnType<typeof createFamilyService>;
