/** The person a feed line or a family request names: by identity document, or by resident ID as before. */
import * as z from 'zod/mini';
import { identityDocument, residentId, type IdentityDocument } from '../identity/documents.ts';
import { idNumber } from './common.ts';

/**
 * Who a line or a request is about: their identity `document` (any type, core/identity/), or, as every
 * provider sent before documents, `idNumber`, a resident ID. Exactly one of the two.
 */
export const person = { idNumber: z.optional(idNumber), document: z.optional(identityDocument) };
interface PersonFields {
  idNumber?: string | undefined;
  document?: IdentityDocument | undefined;
}
interface GuardianFields {
  guardianIdNumber?: string | undefined;
  guardianDocument?: IdentityDocument | undefined;
}
export const onePerson = z.refine<PersonFields>(
  (line) => (line.idNumber === undefined) !== (line.document === undefined),
  { message: 'give the person by document or by idNumber, exactly one', path: ['document'] },
);
export const guardian = { guardianIdNumber: z.optional(idNumber), guardianDocument: z.optional(identityDocument) };
export const oneGuardian = z.refine<GuardianFields>(
  (line) => line.guardianIdNumber === undefined || line.guardianDocument === undefined,
  { message: 'give the guardian by document or by guardianIdNumber, not both', path: ['guardianDocument'] },
);

/** The document a line names its person by. */
export const lineDocument = (line: PersonFields): IdentityDocument => line.document ?? residentId(line.idNumber ?? '');

/** The guardian's document a citizens line names, if it names one. */
export const lineGuardianDocument = (line: GuardianFields): IdentityDocument | undefined =>
  line.guardianDocument ?? (line.guardianIdNumber === undefined ? undefined : residentId(line.guardianIdNumber));

