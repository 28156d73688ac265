/** The venue form checks each field with the contract's own schema, so it refuses exactly what the server would. */
import { registerVenueBody } from '../../../core/contract/venues.ts';
import type { MessageKey } from '../../i18n/messages.ts';

export interface VenueDraft {
  name: string;
  district: string;
  address: string;
}

export type VenueFieldError = { key: MessageKey; field: MessageKey; max?: number };

const labels: Record<keyof VenueDraft, MessageKey> = {
  name: 'venue.name',
  district: 'venue.district',
  address: 'venue.address',
};

/** Per-field problems: blank (after trimming), or longer than the contract allows, with its limit. */
export function validateVenueDraft(draft: VenueDraft): Partial<Record<keyof VenueDraft, VenueFieldError>> {
  const errors: Partial<Record<keyof VenueDraft, VenueFieldError>> = {};
  for (const field of Object.keys(labels) as (keyof VenueDraft)[]) {
    const issue = registerVenueBody.shape[field].safeParse(draft[field]).error?.issues[0];
    if (!issue) continue;
    errors[field] =
      issue.code === 'too_big'
        ? { key: 'venue.error.tooLong', field: labels[field], max: Number(issue.maximum) }
        : { key: 'venue.error.required', field: labels[field] };
  }
  return errors;
}
