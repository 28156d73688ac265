/**
 * The antigen form's rules, pure so they are tested without a browser. Fields are checked with the
 * contract's schema and time limits, so the server refuses exactly what this refuses.
 */
import { antigenTimeProblem, antigenUpload, type AntigenPhoto, type AntigenResult, type AntigenUpload } from '../../../core/contract.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { shanghaiLocalToInstant } from './shanghai-local.ts';

export interface AntigenFormValues {
  result: AntigenResult | null;
  /** As typed in a datetime-local field, read as Shanghai wall-clock time. */
  testedAt: string;
  kit: string;
  lot: string;
  photo: AntigenPhoto | null;
}

export type AntigenFormErrors = Partial<Record<'result' | 'testedAt' | 'kit' | 'lot' | 'photo', MessageKey>>;

export type AntigenFormOutcome = { ok: true; upload: AntigenUpload } | { ok: false; errors: AntigenFormErrors };

export function validateAntigenForm(values: AntigenFormValues, now: number): AntigenFormOutcome {
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
  if (!values.result || testedAt === null || !kit.success || !lot.success || !values.photo || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, upload: { result: values.result, testedAt: new Date(testedAt).toISOString(), kit: kit.data, lot: lot.data, photo: values.photo } };
}
