/** Who a citizen is as others may see them (masked), and whose records a viewer may read. */
import type { AccessedData, DemoAccount, Profile } from '../../core/contract/account.ts';
import { HttpError } from '../http/errors.ts';
import type { IdentityDocument } from '../../core/identity/documents.ts';
import { maskDocumentNumber, maskName } from '../../core/identity/masking.ts';
import { rowDocument, type CitizenRow, type CitizenStore } from '../storage/citizens.ts';
import type { AccessLogService } from './access-log.ts';

function toProfile(row: CitizenRow): Profile {
  const document = rowDocument(row);
  return {
    id: row.id,
    maskedName: maskName(row.name),
    maskedIdNumber: maskDocumentNumber(document),
    documentType: document.type,
    ...(document.country ? { documentCountry: document.country } : {}),
    colour: row.colour,
    colourSince: row.colour_since,
  };
}

/** The one answer for a citizen id that does not exist, is malformed, or is someone else's. */
export const noSuchCitizen = () => new HttpError(404, 'not_found', 'No such citizen, or not one of yours.');

const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toUpperCase();
const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);

export function createCitizenService(store: CitizenStore, accessLog: AccessLogService) {
  async function profile(id: string): Promise<Profile | undefined> {
    const row = await store.byId(id);
    return row && toProfile(row);
  }

  return {
    profile,
    async idForPhone(phone: string): Promise<string | undefined> {
      return (await store.byPhone(phone))?.id;
    },
    async dependants(guardianId: string): Promise<Profile[]> {
      return (await store.dependantsOf(guardianId)).map(toProfile);
    },
    /** The citizen and the dependants they have linked, as the app shows them after login. */
    async household(citizenId: string): Promise<{ citizen: Profile; dependants: Profile[] } | undefined> {
      const citizen = await profile(citizenId);
      return citizen && { citizen, dependants: (await store.dependantsOf(citizenId)).map(toProfile) };
    },
    /**
     * The profile of `subjectId` once `viewerId` is known to be allowed to see it: their own, or a
     * dependant they have linked. Anyone else's is answered exactly like no one's (404), so that trying
     * ids tells nobody which exist. A guardian's read of `data` is in the dependant's access log before
     * this returns.
     */
    async readable(viewerId: string, subjectId: string, read: { data: AccessedData }): Promise<Profile> {
      const subject = viewerId === subjectId || (await store.isLinked(viewerId, subjectId)) ? await profile(subjectId) : undefined;
      if (!subject) throw noSuchCitizen();
      if (viewerId === subjectId) return subject;
      const guardian = await store.byId(viewerId);
      const label = guardian ? maskName(guardian.name) : viewerId;
      await accessLog.record({ subject: subjectId, actor: { kind: 'guardian', id: viewerId, label }, purpose: 'family', data: read.data });
      return subject;
    },
    /**
     * The citizen a name and document describe, only when both match: a wrong name with a right number
     * finds no one, so the number alone reveals nothing. A Latin name matches in any case and spacing
     * (a relative types "Smith Olivia Rose" for the passport's SMITH OLIVIA ROSE).
     */
    async findByIdentity(name: string, document: IdentityDocument): Promise<{ id: string; phone: string | null } | undefined> {
      const row = await store.byDocument(document);
      return row && sameName(row.name, name) ? { id: row.id, phone: row.phone } : undefined;
    },
    async demoAccounts(): Promise<DemoAccount[]> {
      return (await store.demo()).flatMap((row) =>
        row.phone
          ? [{ phone: row.phone, maskedName: maskName(row.name), colour: row.colour, note: { zh: row.demo_note_zh ?? '', en: row.demo_note_en ?? '' } }]
          : [],
      );
    },
  };
}

export type CitizenService = ReturnType<typeof createCitizenService>;
