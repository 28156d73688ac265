/** Login, the session and who it shows, family links (亲友码), and the citizen's rights over their data. */
import * as z from 'zod/mini';
import { antigenTest, storedPhoto } from './antigen.ts';
import { documentType } from '../identity/documents.ts';
import { citizenId, codeColour, endpoint, instant, ok, otpCode, personName, phone } from './common.ts';
import { onePerson, person } from './person.ts';
import { itineraryStop, pcrTest, vaccination } from './records.ts';
import { checkIn, ownedVenue } from './venues.ts';

export const profile = z.object({
  id: citizenId,
  maskedName: z.string(),
  /** The document's number, masked by its type's convention (core/identity/masking.ts). */
  maskedIdNumber: z.string(),
  /** Which document the number is on, so staff check the right card; absent from servers before 0020 (a resident ID). */
  documentType: z.optional(documentType),
  /** A passport's issuing state. */
  documentCountry: z.optional(z.string()),
  colour: codeColour,
  colourSince: instant,
});
export type Profile = z.infer<typeof profile>;

export const me = z.object({
  citizen: profile,
  dependants: z.array(profile),
});
export type Me = z.infer<typeof me>;

/**
 * Who is logged in on this device, asked at every start. No session is an answer, not an error: a
 * first visit must not log a failed request in the browser's console.
 */
export const session = z.union([me, z.object({ citizen: z.null() })]);
export type Session = z.infer<typeof session>;

export const demoAccount = z.object({
  phone,
  maskedName: z.string(),
  colour: codeColour,
  note: z.object({ zh: z.string(), en: z.string() }),
});
export type DemoAccount = z.infer<typeof demoAccount>;

export const requestOtpBody = z.object({ phone });
export const requestOtpResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.int().check(z.positive()),
  /** Present only in demo mode, where there is no SMS gateway. */
  demoCode: z.optional(otpCode),
});

export const loginBody = z.object({ phone, code: otpCode });

/** The dependant by name and document (or resident ID number, as before documents). */
export const familyCodeBody = z.object({ name: personName, ...person }).check(onePerson);
/**
 * The same answer whether or not the name and ID number match someone (a different answer would make
 * the endpoint a name-and-number oracle): no masked phone, and a code only reaches a phone that matched.
 * Only demo mode, where every code is on screen anyway, adds the code when there was one.
 */
export const familyCodeResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.int().check(z.positive()),
  demoCode: z.optional(otpCode),
});
/** A code sent to the caller's own phone (account deletion): where it went, masked. */
export const ownCodeResponse = z.object({
  sent: z.literal(true),
  maskedPhone: z.string(),
  expiresInSeconds: z.int().check(z.positive()),
  demoCode: z.optional(otpCode),
});
/**
 * Someone who can show the caller's code (谁可以出示我的码): a guardian who linked her, masked as anyone else is
 * (his phone null when he has none registered), and since when.
 */
export const guardian = z.object({ id: citizenId, maskedName: z.string(), maskedPhone: z.nullable(z.string()), linkedAt: instant });
export type Guardian = z.infer<typeof guardian>;

export const linkDependantBody = z.object({ name: personName, ...person, code: otpCode }).check(onePerson);

/**
 * The access log (PIPL art. 45): every read of a citizen's records by anyone but themselves. Who read
 * (`actor`: a linked guardian, a data provider correcting a record, a kiosk looking up an ID number),
 * why (`purpose`) and what (`data`); the citizen sees it on the 查询记录 screen, newest first.
 */
export const accessActorKind = z.enum(['guardian', 'provider', 'kiosk']);
export type AccessActorKind = z.infer<typeof accessActorKind>;
export const accessPurpose = z.enum(['family', 'correction', 'id-lookup', 'antigen-review']);
export type AccessPurpose = z.infer<typeof accessPurpose>;
export const accessedData = z.enum(['profile', 'vaccinations', 'pcr-tests', 'antigen-tests', 'itinerary', 'health-code', 'paper-code', 'colour']);
export type AccessedData = z.infer<typeof accessedData>;
export const accessLogEntry = z.object({
  id: z.string(),
  at: instant,
  /** `label` is what the citizen is shown: a guardian's masked name, a provider's or a venue's name. */
  actor: z.object({ kind: accessActorKind, label: z.string() }),
  purpose: accessPurpose,
  data: accessedData,
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;
/** The 查询记录 screen shows this many entries at most, the newest; the export holds them all. */
export const accessLogPageSize = 200;

const linkedPerson = z.object({ id: citizenId, maskedName: z.string(), linkedAt: instant });

/** 导出我的数据: everything the server holds about the citizen, in one JSON document (PIPL art. 45). */
export const myDataFormat = 'suishen-my-data/1';
export const myData = z.object({
  format: z.literal(myDataFormat),
  exportedAt: instant,
  citizen: z.object({
    id: citizenId,
    name: z.string(),
    /** The document's number, whatever its type (a resident ID's before documents). */
    idNumber: z.string(),
    document: z.object({ type: documentType, number: z.string(), country: z.optional(z.string()) }),
    phone: z.nullable(z.string()),
    colour: codeColour,
    colourSince: instant,
  }),
  vaccinations: z.array(vaccination),
  pcrTests: z.array(pcrTest),
  antigenTests: z.array(
    z.extend(antigenTest, {
      uploadedAt: instant,
      /** The cassette photo as stored (JPEG bytes in base64); null once past its 30 days, or never sent. */
      photo: storedPhoto,
    }),
  ),
  itinerary: z.array(itineraryStop),
  checkIns: z.array(checkIn),
  colourHistory: z.array(
    z.object({ colour: codeColour, previousColour: codeColour, reason: z.string(), effectiveAt: instant, recordedAt: instant, provider: z.string() }),
  ),
  accessLog: z.array(accessLogEntry),
  family: z.object({ guardians: z.array(linkedPerson), dependants: z.array(linkedPerson) }),
  venues: z.array(ownedVenue),
  /** Every line data providers sent about the citizen, as stored (its current version). */
  providerRecords: z.array(
    z.object({ provider: z.string(), scope: z.string(), externalId: z.string(), version: z.int(), receivedAt: instant, content: z.unknown() }),
  ),
});
export type MyData = z.infer<typeof myData>;

export const deleteAccountBody = z.object({ code: otpCode });

export const accountEndpoints = {
  demoAccounts: endpoint({
    method: 'GET',
    path: '/demo/accounts',
    body: undefined,
    response: z.object({ accounts: z.array(demoAccount) }),
  }),
  requestOtp: endpoint({ method: 'POST', path: '/auth/otp', body: requestOtpBody, response: requestOtpResponse }),
  login: endpoint({ method: 'POST', path: '/auth/login', body: loginBody, response: me }),
  logout: endpoint({ method: 'POST', path: '/auth/logout', body: undefined, response: ok }),
  me: endpoint({ method: 'GET', path: '/me', body: undefined, response: me }),
  session: endpoint({ method: 'GET', path: '/session', body: undefined, response: session }),
  requestFamilyCode: endpoint({ method: 'POST', path: '/family/code', body: familyCodeBody, response: familyCodeResponse }),
  linkDependant: endpoint({ method: 'POST', path: '/family/links', body: linkDependantBody, response: profile }),
  unlinkDependant: endpoint({ method: 'DELETE', path: '/family/links/:citizenId', body: undefined, response: ok }),
  myGuardians: endpoint({ method: 'GET', path: '/family/guardians', body: undefined, response: z.object({ guardians: z.array(guardian) }) }),
  /** The dependant removes a guardian (by his id): idempotent; a guardian she never had answers 404. */
  leaveGuardian: endpoint({ method: 'DELETE', path: '/family/guardians/:citizenId', body: undefined, response: ok }),
  accessLog: endpoint({ method: 'GET', path: '/me/access-log', body: undefined, response: z.object({ entries: z.array(accessLogEntry) }) }),
  exportMyData: endpoint({ method: 'GET', path: '/me/export', body: undefined, response: myData }),
  /** A fresh one-time code to the account's phone (masked as for 亲友码), purpose `account-deletion`: the only way to delete it. */
  requestDeletionCode: endpoint({ method: 'POST', path: '/account/deletion-code', body: undefined, response: ownCodeResponse }),
  deleteAccount: endpoint({ method: 'POST', path: '/account/delete', body: deleteAccountBody, response: ok }),
} as const;
