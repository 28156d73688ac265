/** Venues and their place codes, and the list of a citizen's check-ins (which arrive through the outbox). */
import { randomInt } from 'node:crypto';
import type * as z from 'zod/mini';
import { type CheckIn, checkInRetentionDays, defaultVenueRuleSetId, type OwnedVenue, type registerVenueBody, type Venue, type VenuePayload } from '../../core/contract/venues.ts';
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
  const sign = (number: string, place: { name: string; district: string; address: string }) => {
    const payload: VenuePayload = { t: 'venue', id: number, n: place.name, d: place.district, a: place.address };
    return signer.sign(payload);
  };
  return {
    async register(ownerId: string, body: z.infer<typeof registerVenueBody>): Promise<Venue> {
      for (;;) {
        const number = randomVenueNumber();
        // Pending until an operator of its district approves it (services/authority.ts).
        const venue: Venue = {
          ...body,
          number,
          token: await sign(number, body),
          createdAt: new Date().toISOString(),
          ruleSetId: defaultVenueRuleSetId,
          status: 'pending',
          verified: false,
        };
        if (await venues.add({ ...venue, ownerId })) return venue;
      }
    },
    ownedBy: (ownerId: string): Promise<OwnedVenue[]> => venues.ownedBy(ownerId),
    /**
     * Signs every venue's code again with the signing key. A poster never expires, so after a key rotation
     * its owner prints it again from the app before the retired key stops being published; gives the count.
     */
    async signAllAgain(): Promise<number> {
      const all = await venues.all();
      for (const venue of all) await venues.setToken(venue.number, await sign(venue.number, venue));
      return all.length;
    },
    async byNumber(number: string): Promise<Venue> {
      const venue = await venues.byNumber(number);
      if (!venue) throw new HttpError(404, 'not_found', 'No venue has that number.');
      return venue;
    },
    checkInsOf: (citizenId: string): Promise<CheckIn[]> => checkIns.of(citizenId, checkInCutoff(Date.now())),
  };
}

export type VenueService = ReturnType<typeof createVenueService>;
