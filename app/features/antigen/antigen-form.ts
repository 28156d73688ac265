/**
 * The antigen form's rules, pure so they are tested without a browser. Fields are checked with the
 * contract's schema and time limits, so the server refuses exactly what this refuses.
 */
import { type AntigenPhoto, type AntigenResult, antigenTimeProblem, antigenUpload, kitExpiredAt, type AntigenUpload, type ApprovedKit } from '../../../core/contract/antigen.ts';
import { day } from '../../../core/contract/common.ts';
import { normaliseGtin, parseGs1, type Udi } from '../../../core/gs1.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { shanghaiLocalToInstant } from '../../../core/shanghai-time.ts';

export interface AntigenFormValues {
  result: AntigenResult | null;
  /** As typed in a datetime-local field, read as Shanghai wall-clock time. */
  testedAt: string;
  kit: string;
  lot: string;
  /** The kit's UDI as scanned or typed from the pouch: GTIN (01), serial (21), expiry (17) as YYYY-MM-DD. */
  gtin: string;
  serial: string;
  expiresOn: string;
  photo: AntigenPhoto | null;
}

export type AntigenFormErrors = Partial<Record<'result' | 'testedAt' | 'kit' | 'lot' | 'gtin' | 'serial' | 'expiresOn' | 'photo', MessageKey>>;


export type ScannedKit =
  | { ok: true; udi: Udi; kit: ApprovedKit | null }
  | { ok: false; problem: 'not-udi' }
  | { ok: false; problem: 'unknown'; udi: Udi }
  | { ok: false; problem: 'expired'; udi: Udi; expiresOn: string };

/**
 * What one scanned barcode says about the kit, decided the moment it is read: not a kit's UDI (keep
 * scanning), a kit off the cached approved list, a kit already expired today, or a kit to fill the form
 * with (its list entry, or null when the phone has no list yet and the server will check on arrival).
 */
export function checkScannedKit(text: string, kits: readonly ApprovedKit[] | null, now: number): ScannedKit {
  const parsed = parseGs1(text);
  if (!parsed.ok) return { ok: false, problem: 'not-udi' };
  const { udi } = parsed;
  const kit = kits?.find((candidate) => candidate.gtin === udi.gtin) ?? null;
  if (kits && !kit) return { ok: false, problem: 'unknown', udi };
  if (udi.expiresOn !== null && kitExpiredAt(udi.expiresOn, now)) return { ok: false, problem: 'expired', udi, expiresOn: udi.expiresOn };
  return { ok: true, udi, kit };
}

/**
 * Checks the kit against the approved list the phone has cached (null when it has none yet: the server
 * checks again on arrival either way), so most refusals are seen before the citizen leaves the form.
 */
function kitErrors(values: AntigenFormValues, testedAt: number | null, kits: readonly ApprovedKit[] | null): AntigenFormErrors {
  const errors: AntigenFormErrors = {};
  const gtin = normaliseGtin(values.gtin);
  if (!gtin) errors.gtin = 'antigen.error.gtin';
  else if (kits && !kits.some((kit) => kit.gtin === gtin)) errors.gtin = 'antigen.error.kitUnknown';
  if (!antigenUpload.shape.lot.safeParse(values.serial).success) errors.serial = 'antigen.error.serial';
  if (!day.safeParse(values.expiresOn).success) errors.expiresOn = 'antigen.error.expiresOn';
  else if (testedAt !== null && kitExpiredAt(values.expiresOn, testedAt)) errors.expiresOn = 'antigen.error.kitExpired';
  return errors;
}

export type AntigenFormOutcome = { ok: true; upload: AntigenUpload } | { ok: false; errors: AntigenFormErrors };

export function validateAntigenForm(values: AntigenFormValues, now: number, kits: readonly ApprovedKit[] | null = null): AntigenFormOutcome {
  const errors: AntigenFormErrors = {};
  if (!values.result) errors.result = 'antigen.error.result';
  const testedAt = shanghaiLocalToInstant(values.testedAt);
  if (testedAt === null) errors.testedAt = 'antigen.error.testedAt.missing';
  else {
    const problem = antigenTimeProblem(testedAt, now);
    if (problem) errors.testedAt = problem === 'future' ? 'antigen.error.testedAt.future' : 'antigen.error.testedAt.old';
  }
  const kit = antigenUpload.shape.kit.safeParse(values.kit);
  const lot = antigenUpload.shape.lot.safeParse(values.lot);
  if (!kit.success) errors.kit = 'antigen.error.kit';
  if (!lot.success) errors.lot = 'antigen.error.lot';
  if (!values.photo) errors.photo = 'antigen.error.photo.missing';
  Object.assign(errors, kitErrors(values, testedAt, kits));
  const gtin = normaliseGtin(values.gtin);
  if (!values.result || testedAt === null || !kit.success || !lot.success || !values.photo || !gtin || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    upload: {
      result: values.result,
      testedAt: new Date(testedAt).toISOString(),
      kit: kit.data,
      lot: lot.data,
      photo: values.photo,
      gtin,
      serial: values.serial.trim(),
      expiresOn: values.expiresOn,
    },
  };
}
