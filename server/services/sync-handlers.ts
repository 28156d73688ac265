/**
 * What the server does with each kind of queued write from a device's outbox. A new kind is one
 * entry in `createSyncHandlers`: a payload schema (the contract's) and `apply`, which stores it.
 * `apply` runs inside the transaction that records the item's id, so it is stored exactly once.
 */
import type * as z from 'zod/mini';
import { antigenTimeProblem, antigenUpload, checkInRetentionDays, checkInUpload } from '../../core/contract.ts';
import { HttpError } from '../http/errors.ts';
import type { createAntigenPhotoStore } from '../storage/antigen-photos.ts';
import type { CheckInStore } from '../storage/check-ins.ts';
import type { RecordStore } from '../storage/records.ts';
import { readJpegInfo } from './jpeg.ts';
import type { VenueCodeVerifier } from './venue-codes.ts';

export interface SyncContext {
  /** The client-made id of the item, reused as the id of the record it creates. */
  id: string;
  citizenId: string;
  receivedAt: Date;
}

export interface SyncHandler<S extends z.ZodMiniType = z.ZodMiniType> {
  payload: S;
  /** Checks what a schema cannot and stores the record; throws HttpError (4xx) to refuse it. */
  apply(payload: z.infer<S>, context: SyncContext): void;
}

/** Keeps each handler's payload type while it is written; the registry then holds them all alike. */
function handler<S extends z.ZodMiniType>(definition: SyncHandler<S>): SyncHandler<S> {
  return definition;
}

interface SyncHandlerDeps {
  records: RecordStore;
  antigenPhotos: ReturnType<typeof createAntigenPhotoStore>;
  checkIns: CheckInStore;
  venueCodes: VenueCodeVerifier;
}

const day = 24 * 60 * 60 * 1000;

export function createSyncHandlers({ records, antigenPhotos, checkIns, venueCodes }: SyncHandlerDeps): Record<string, SyncHandler> {
  return {
    'antigen-test': handler({
      payload: antigenUpload,
      apply(upload, { id, citizenId, receivedAt }) {
        const problem = antigenTimeProblem(Date.parse(upload.testedAt), receivedAt.getTime());
        if (problem) throw new HttpError(422, 'invalid_body', `testedAt: the test time is ${problem === 'future' ? 'in the future' : 'older than 7 days'}.`);
        const bytes = Buffer.from(upload.photo.base64, 'base64');
        if (bytes.length !== upload.photo.bytes) {
          throw new HttpError(422, 'invalid_body', `photo: declared ${upload.photo.bytes} bytes but carries ${bytes.length}.`);
        }
        const jpeg = readJpegInfo(bytes);
        if (!jpeg) throw new HttpError(415, 'unsupported_media_type', 'photo: the bytes are not a JPEG image.');
        if (jpeg.width !== upload.photo.width || jpeg.height !== upload.photo.height) {
          throw new HttpError(422, 'invalid_body', `photo: declared ${upload.photo.width}×${upload.photo.height} but is ${jpeg.width}×${jpeg.height}.`);
        }
        records.putAntigenTest(
          citizenId,
          { id, testedAt: new Date(upload.testedAt).toISOString(), result: upload.result, kit: upload.kit, lot: upload.lot },
          receivedAt.toISOString(),
        );
        antigenPhotos.put({ testId: id, contentType: 'image/jpeg', width: jpeg.width, height: jpeg.height, bytes });
      },
    }),
    'check-in': handler({
      payload: checkInUpload,
      apply({ venueToken, scannedAt }, { id, citizenId, receivedAt }) {
        const venue = venueCodes(venueToken);
        if (!venue) throw new HttpError(422, 'invalid_venue_code', 'venueToken: not a valid place code from this service.');
        const scanned = Date.parse(scannedAt);
        if (scanned > receivedAt.getTime() + 5 * 60 * 1000) throw new HttpError(422, 'invalid_body', 'scannedAt: lies in the future.');
        // Kept 14 days: older check-ins go whenever a new one arrives (and when the list is read).
        checkIns.deleteBefore(new Date(receivedAt.getTime() - checkInRetentionDays * day).toISOString());
        checkIns.record({
          id,
          citizenId,
          venueNumber: venue.id,
          venueName: venue.n,
          district: venue.d,
          scannedAt: new Date(scanned).toISOString(),
          receivedAt: receivedAt.toISOString(),
        });
      },
    }),
  };
}
