import { request } from '../../../api/client.ts';

/** The signed code of the venue whose number the visitor typed; it is verified like a scanned one. */
export async function fetchVenueToken(number: string): Promise<string> {
  return (await request('venueByNumber', { params: { number } })).venue.token;
}
