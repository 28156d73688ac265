/**
 * 亲友码: a citizen links a dependant by name and identity document (any type), proven by a one-time code sent to the
 * dependant's registered phone (shown on screen in demo mode). Both facts must match one citizen.
 */
import type { Profile } from '../../core/contract/account.ts';
import { lineDocument } from '../../core/contract/person.ts';
import type { IdentityDocument } from '../../core/identity/documents.ts';
import { HttpError } from '../http/errors.ts';
import type { CitizenStore } from '../storage/citizens.ts';
import type { AuthService, SentCode } from './auth.ts';
import type { CitizenService } from './citizens.ts';
import { maskPhone } from './masking.ts';

/** A household has room for this many linked members; more suggests misuse, not a family. */
const maxDependants = 10;

/** The dependant's name and document, or resident ID number as before documents. */
interface Identity {
  name: string;
  idNumber?: string | undefined;
  document?: IdentityDocument | undefined;
}

export function createFamilyService(deps: { auth: AuthService; citizens: CitizenService; citizenStore: CitizenStore }) {
  const { auth, citizens, citizenStore } = deps;

  async function dependantFor(guardianId: string, identity: Identity) {
    const dependant = await citizens.findByIdentity(identity.name, lineDocument(identity));
    if (!dependant) throw new HttpError(404, 'family_mismatch', 'No citizen matches this name and ID number.');
    if (dependant.id === guardianId) throw new HttpError(400, 'family_mismatch', 'You cannot link yourself.');
    if (!dependant.phone) {
      throw new HttpError(409, 'family_mismatch', 'This person has no registered phone; link them at a neighbourhood office.');
    }
    return { id: dependant.id, phone: dependant.phone };
  }

  return {
    async requestCode(guardianId: string, identity: Identity): Promise<SentCode & { maskedPhone: string }> {
      const dependant = await dependantFor(guardianId, identity);
      return { ...(await auth.sendOtp(dependant.phone, 'family-link')), maskedPhone: maskPhone(dependant.phone) };
    },
    async link(guardianId: string, identity: Identity & { code: string }): Promise<Profile> {
      const dependant = await dependantFor(guardianId, identity);
      await auth.confirmOtp(dependant.phone, identity.code, 'family-link');
      const already = await citizens.dependants(guardianId);
      if (!already.some((d) => d.id === dependant.id) && already.length >= maxDependants) {
        throw new HttpError(409, 'family_limit', `At most ${maxDependants} family members can be linked.`);
      }
      await citizenStore.link(guardianId, dependant.id, new Date().toISOString());
      const profile = await citizens.profile(dependant.id);
      if (!profile) throw new HttpError(404, 'not_found', 'No such citizen.');
      return profile;
    },
    async unlink(guardianId: string, dependantId: string): Promise<void> {
      if (!(await citizenStore.unlink(guardianId, dependantId))) throw new HttpError(404, 'not_found', 'This person is not linked to you.');
    },
  };
}

export type FamilyService = ReturnType<typeof createFamilyService>;
