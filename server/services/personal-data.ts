/**
 * The citizen's own rights over what the server holds about them (PIPL arts. 45 and 47): a copy of all of
 * it (导出我的数据), and deleting the account (注销账号) after a fresh one-time code sent for that alone.
 * The export is the one place the server hands out a whole name, ID number and phone: to their owner.
 */
import { type MyData, myDataFormat } from '../../core/contract/account.ts';
import { HttpError } from '../http/errors.ts';
import type { Storage } from '../storage/storage.ts';
import { rowDocument } from '../storage/citizens.ts';
import type { AccessLogService } from './access-log.ts';
import type { AuthService, SentCode } from './auth.ts';
import { maskName, maskPhone } from './masking.ts';

function parsedContent(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

export function createPersonalDataService(deps: { storage: Storage; auth: AuthService; accessLog: AccessLogService }, clock: () => Date = () => new Date()) {
  const { storage, auth, accessLog } = deps;

  async function phoneOf(citizenId: string): Promise<string> {
    const citizen = await storage.citizens.byId(citizenId);
    if (!citizen) throw new HttpError(401, 'unauthenticated', 'Log in first.');
    // Someone logged in has a phone; a registry correction may have taken it away since.
    if (!citizen.phone) throw new HttpError(403, 'forbidden', 'This account has no phone to confirm with; ask at a neighbourhood office.');
    return citizen.phone;
  }

  return {
    async export(citizenId: string): Promise<MyData> {
      const citizen = await storage.citizens.byId(citizenId);
      if (!citizen) throw new HttpError(401, 'unauthenticated', 'Log in first.');
      const [vaccinations, pcrTests, antigenTests, itinerary, checkIns, venues, log, rows] = await Promise.all([
        storage.records.vaccinations(citizenId),
        storage.records.pcrTests(citizenId),
        storage.records.antigenTests(citizenId),
        storage.records.itinerary(citizenId),
        // Every check-in still held, including any past retention the hourly pass has not yet deleted.
        storage.checkIns.of(citizenId, ''),
        storage.venues.ownedBy(citizenId),
        accessLog.of(citizenId),
        storage.personalData.collect(citizenId),
      ]);
      const uploadedAt = new Map(rows.antigenUploads.map((row) => [row.id, row.created_at]));
      const photos = new Map(rows.photos.map((photo) => [photo.test_id, photo]));
      const linked = (people: typeof rows.guardians) => people.map((person) => ({ id: person.id, maskedName: maskName(person.name), linkedAt: person.linked_at }));
      return {
        format: myDataFormat,
        exportedAt: clock().toISOString(),
        citizen: { id: citizen.id, name: citizen.name, idNumber: citizen.id_number, document: rowDocument(citizen), phone: citizen.phone, colour: citizen.colour, colourSince: citizen.colour_since },
        vaccinations,
        pcrTests,
        antigenTests: antigenTests.map((test) => {
          const photo = photos.get(test.id);
          return {
            ...test,
            uploadedAt: uploadedAt.get(test.id) ?? test.testedAt,
            photo: photo ? { type: photo.content_type, width: photo.width, height: photo.height, base64: Buffer.from(photo.bytes).toString('base64') } : null,
          };
        }),
        itinerary,
        checkIns,
        colourHistory: rows.colourChanges.map((change) => ({
          colour: change.colour,
          previousColour: change.previous_colour,
          reason: change.reason,
          effectiveAt: change.effective_at,
          recordedAt: change.recorded_at,
          provider: change.provider,
        })),
        accessLog: log,
        family: { guardians: linked(rows.guardians), dependants: linked(rows.dependants) },
        venues,
        providerRecords: rows.feedRecords.map((record) => ({
          provider: record.provider,
          scope: record.scope,
          externalId: record.external_id,
          version: record.version,
          receivedAt: record.received_at,
          content: parsedContent(record.content),
        })),
      };
    },
    /** Sends a code for deleting the account to the account's own phone; a login code will not do. */
    async requestDeletionCode(citizenId: string): Promise<SentCode & { maskedPhone: string }> {
      const phone = await phoneOf(citizenId);
      return { ...(await auth.sendOtp(phone, 'account-deletion')), maskedPhone: maskPhone(phone) };
    },
    /** Deletes the account and everything of it, in one transaction, once `code` proves the phone again. */
    async deleteAccount(citizenId: string, code: string): Promise<void> {
      const phone = await phoneOf(citizenId);
      await auth.confirmOtp(phone, code, 'account-deletion');
      await storage.transaction((stores) => stores.personalData.erase(citizenId, phone));
    },
  };
}

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;
