/** Venues and their place codes, and the list of a citizen's check-ins (which arrive through the outbox). */
import { randomInt } from 'node:crypto';
import type * as z from 'zod/mini';
import { checkInRetentionDays, type CheckIn, type registerVenueBody, type Venue, type VenuePayload } from '../../core/contract.ts';
import { HttpError } from '../http/errors.ts';
import type { CheckInStore } from '../storage/check-ins.ts';
import type { VenueStore } from '../storage/venues.ts';
import type { Signer } from './signer.ts';

const day = 24 * 60 * 60 * 1000;

/** The earliest scan time still kept, as an ISO instant. */
export function checkInCutoff(now: number): string {
  return new Date(now - checkInRetentionDays * day).toISOString();
}

/** A fresh 8-digit number; random so numbers say nothing about who registered when. */
function randomVenueNumber(): string {
  return String(randomInt(10_000_000, 100_000_000));
}

export function createVenueService(deps: { venues: VenueStore; checkIns: CheckInStore; signer: Signer }) {
  const { venues, checkIns, signer } = deps;
  return {
    async register(ownerId: string, body: z.infer<typeof registerVenueBody>): Promise<Venue> {
      for (;;) {
        const number = randomVenueNumber();
        const payload: VenuePayload = { t: 'venue', id: number, n: body.name, d: body.district, a: body.address };
        const venue: Venue = { ...body, number, token: await signer.sign(payload), createdAt: new Date().toISOString() };
        if (await venues.add({ ...venue, ownerId })) return venue;
      }
    },
    ownedBy: (ownerId: string): Promise<Venue[]> => venues.ownedBy(ownerId),
    async byNumber(number: string): Promise<Venue> {
      const venue = await venues.byNumber(number);
      if (!venue) throw new HttpError(404, 'not_found', 'No venue has that number.');
      return venue;
    },
    checkInsOf: (citizenId: string): Promise<CheckIn[]> => checkIns.of(citizenId, checkInCutoff(Date.now())),
  };
}

export type VenueService = ReturnType<typeof createVenueService>;
