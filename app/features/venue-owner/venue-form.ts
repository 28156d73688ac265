import type { MessageKey } from '../../i18n/messages.ts';

export interface VenueDraft {
  name: string;
  district: string;
  address: string;
}

export type VenueFieldError = { key: MessageKey; field: MessageKey; max?: number };

const limits: Record<keyof VenueDraft, { label: MessageKey; max: number }> = {
  name: { label: 'venue.name', max: 40 },
  district: { label: 'venue.district', max: 20 },
  address: { label: 'venue.address', max: 80 },
};

/** Per-field problems, checked the same way the contract will (trimmed, non-empty, bounded). */
export function validateVenueDraft(draft: VenueDraft): Partial<Record<keyof VenueDraft, VenueFieldError>> {
  const errors: Partial<Record<keyof VenueDraft, VenueFieldError>> = {};
  for (const field of Object.keys(limits) as (keyof VenueDraft)[]) {
    const { label, max } = limits[field];
    const value = draft[field].trim();
    if (value === '') errors[field] = { key: 'venue.error.required', field: label };
    else if (value.length > max) errors[field] = { key: 'venue.error.tooLong', field: label, max };
  }
  return errors;
}
