/**
 * What makes a self-test's kit and photo trustworthy, checked when an upload reaches the server (at
 * once, or when a phone that queued it offline comes back): the kit is approved and was not expired on
 * the day of the test, its serial was never used for another result, and the photo was never uploaded
 * before, by anyone, in any altered form the hash survives. Each refusal has its own error code.
 */
import jpeg from 'jpeg-js';
import type { Raster } from '../../core/antigen/raster.ts';
import { antigenLimits, kitExpiredAt, type AntigenUpload, type CassetteTemplate } from '../../core/contract/antigen.ts';
import { normaliseGtin } from '../../core/gs1.ts';
import { HttpError } from '../http/errors.ts';
import { photoKey } from '../storage/antigen-photos.ts';
import type { Storage } from '../storage/storage.ts';
import { photoBasis, photoDistances, photoHash } from './photo-hash.ts';
import { candidateNearness, encodePrint, makePrint, photoMatchThresholds, sameAsStored } from './photo-match.ts';
import { shanghaiDay } from '../../core/shanghai-time.ts';

/** What earlier items of one sync batch will spend once stored: they are checked before any is written. */
export interface BatchClaims {
  kitSerials: Set<string>;
  photos: { hash: string; print: string | null }[];
}

export const newBatchClaims = (): BatchClaims => ({ kitSerials: new Set(), photos: [] });

export interface CheckedKit {
  gtin: string;
  serial: string;
  product: string;
  /** The cassette's geometry the strip is read against; none: the generic reading. */
  template?: CassetteTemplate;
}

export interface CheckedPhoto {
  raster: Raster;
  hash: string;
  /** The finer comparison's print (photo-match.ts), null when no cassette was found. */
  print: string | null;
}

/** Decodes the cassette photo; the upload's size limits bound the memory this takes. */
export function decodeCassettePhoto(bytes: Uint8Array): Raster | null {
  try {
    return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: (antigenLimits.photoMaxSide ** 2) / 1e6, maxMemoryUsageInMB: 64 });
  } catch {
    return null;
  }
}

export function createAntigenChecks(storage: Pick<Storage, 'antigenKits' | 'antigenPhotos'>) {
  return {
    async kit(upload: AntigenUpload, batch: BatchClaims): Promise<CheckedKit> {
      if (!upload.gtin) throw new HttpError(422, 'kit_unknown', 'gtin: scan the barcode on the kit, or type the number under it.');
      if (normaliseGtin(upload.gtin) !== upload.gtin) throw new HttpError(422, 'invalid_body', 'gtin: the check digit does not match; the number was mistyped.');
      const kit = await storage.antigenKits.byGtin(upload.gtin);
      if (!kit) throw new HttpError(422, 'kit_unknown', `gtin: ${upload.gtin} is not an approved antigen test kit.`);
      if (!upload.expiresOn) throw new HttpError(422, 'invalid_body', 'expiresOn: the kit’s expiry date is required.');
      const testedAt = Date.parse(upload.testedAt);
      if (kitExpiredAt(upload.expiresOn, testedAt)) {
        throw new HttpError(422, 'kit_expired', `expiresOn: this kit expired on ${upload.expiresOn}, before the test on ${shanghaiDay(testedAt)}.`);
      }
      if (!upload.serial) throw new HttpError(422, 'invalid_body', 'serial: the kit’s serial number is required.');
      const key = `${kit.gtin}\u0000${upload.serial}`;
      if (batch.kitSerials.has(key) || (await storage.antigenKits.isUsed(kit.gtin, upload.serial))) {
        throw new HttpError(409, 'kit_serial_used', `serial: kit ${upload.serial} was already used for a result; one kit gives one result.`);
      }
      batch.kitSerials.add(key);
      return { gtin: kit.gtin, serial: upload.serial, product: kit.product, ...(kit.template ? { template: kit.template } : {}) };
    },
    async photo(bytes: Uint8Array, batch: BatchClaims): Promise<CheckedPhoto> {
      const raster = decodeCassettePhoto(bytes);
      if (!raster) throw new HttpError(415, 'unsupported_media_type', 'photo: the JPEG cannot be decoded.');
      const basis = photoBasis(raster);
      const hash = photoHash(raster, basis);
      const made = makePrint(basis);
      const fresh = { hash, basis, print: made ? encodePrint(made) : null };
      const reused = () => new HttpError(409, 'photo_reused', 'photo: this photo of a test was already uploaded; take a new photo of this test.');
      const isCandidate = (earlier: string) => candidateNearness(photoDistances(earlier, hash)) <= 1;
      if (batch.photos.some((earlier) => isCandidate(earlier.hash) && sameAsStored(fresh, earlier))) throw reused();
      // The hashes find the candidates; only the nearest few get the finer (and dearer) comparison.
      const candidates: { citizenId: string; testId: string; hash: string; nearness: number }[] = [];
      for await (const page of storage.antigenPhotos.hashes()) {
        for (const earlier of page) {
          const nearness = candidateNearness(photoDistances(earlier.hash, hash));
          if (nearness <= 1) candidates.push({ ...earlier, nearness });
        }
        candidates.sort((a, b) => a.nearness - b.nearness).splice(photoMatchThresholds.maxCandidates);
      }
      const prints = await storage.antigenPhotos.printsOf(candidates);
      if (candidates.some((earlier) => sameAsStored(fresh, { hash: earlier.hash, print: prints.get(photoKey(earlier)) ?? null }))) throw reused();
      batch.photos.push({ hash, print: fresh.print });
      return { raster, hash, print: fresh.print };
    },
  };
}

export type AntigenChecks = ReturnType<typeof createAntigenChecks>;
