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
import { createJpegDecoder, JpegDecodeTimeout, type JpegDecoder } from './jpeg-decoder.ts';
import { jpegStructureProblem, readJpegStructure } from './jpeg.ts';
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

const decodeOptions = { maxResolutionInMP: (antigenLimits.photoMaxSide ** 2) / 1e6, maxMemoryUsageInMB: 64 };

/** Decodes the cassette photo on this thread (tests and scripts); the upload's size limits bound the memory this takes. */
export function decodeCassettePhoto(bytes: Uint8Array): Raster | null {
  try {
    return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, ...decodeOptions });
  } catch {
    return null;
  }
}

const compareKeys = (a: { citizenId: string; testId: string }, b: { citizenId: string; testId: string }) =>
  a.citizenId < b.citizenId ? -1 : a.citizenId > b.citizenId ? 1 : a.testId < b.testId ? -1 : a.testId > b.testId ? 1 : 0;


/**
 * How long one photo may take to decode off the request thread. A 1280-pixel photo takes jpeg-js well under
 * a second; the slack is for a loaded machine, the limit for a file made to be slow that passed the header checks.
 */
export const photoDecodeLimitMs = 8000;

let sharedDecoder: JpegDecoder | undefined;
/** One pool for the process, made on the first upload: its workers do not keep the process alive. */
function cassetteDecoder(): JpegDecoder {
  sharedDecoder ??= createJpegDecoder({ ...decodeOptions, timeLimitMs: photoDecodeLimitMs });
  return sharedDecoder;
}

/** Refuses what the marker stream already gives away, then decodes off the request thread within a time limit. */
async function decodeUploadedPhoto(bytes: Uint8Array, decoder: JpegDecoder): Promise<Raster> {
  const structure = readJpegStructure(bytes);
  if (!structure) throw new HttpError(415, 'unsupported_media_type', 'photo: the bytes are not a well-formed JPEG image.');
  const problem = jpegStructureProblem(structure, antigenLimits.photoMaxSide);
  if (problem) throw new HttpError(415, 'unsupported_media_type', `photo: ${problem}`);
  try {
    const raster = await decoder.decode(bytes);
    if (raster) return raster;
  } catch (error) {
    if (!(error instanceof JpegDecodeTimeout)) throw error;
    throw new HttpError(415, 'unsupported_media_type', 'photo: the JPEG takes too long to decode; take the photo again.');
  }
  throw new HttpError(415, 'unsupported_media_type', 'photo: the JPEG cannot be decoded.');
}

export function createAntigenChecks(storage: Pick<Storage, 'antigenKits' | 'antigenPhotos'>, decoder: JpegDecoder = cassetteDecoder()) {
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
      const raster = await decodeUploadedPhoto(bytes, decoder);
      const basis = photoBasis(raster);
      const hash = photoHash(raster, basis);
      const made = makePrint(basis);
      const fresh = { hash, basis, print: made ? encodePrint(made) : null };
      const reused = () => new HttpError(409, 'photo_reused', 'photo: this photo of a test was already uploaded; take a new photo of this test.');
      const isCandidate = (earlier: string) => candidateNearness(photoDistances(earlier, hash)) <= 1;
      if (batch.photos.some((earlier) => isCandidate(earlier.hash) && sameAsStored(fresh, earlier))) throw reused();
      // The hashes find the candidates; only the nearest few get the finer (and dearer) comparison.
      // The band index (storage/photo-bands.ts) fetches only hashes that may be within the candidate radii.
      const radius = { scene: photoMatchThresholds.candidateScene, kit: photoMatchThresholds.candidateKit };
      const candidates = (await storage.antigenPhotos.candidatesNear(hash, radius))
        .map((earlier) => ({ ...earlier, nearness: candidateNearness(photoDistances(earlier.hash, hash)) }))
        .filter((earlier) => earlier.nearness <= 1)
        // Ties in the order a scan met them (by citizen, then test), so the same few are compared as before.
        .sort((a, b) => a.nearness - b.nearness || compareKeys(a, b))
        .slice(0, photoMatchThresholds.maxCandidates);
      const prints = await storage.antigenPhotos.printsOf(candidates);
      if (candidates.some((earlier) => sameAsStored(fresh, { hash: earlier.hash, print: prints.get(photoKey(earlier)) ?? null }))) throw reused();
      batch.photos.push({ hash, print: fresh.print });
      return { raster, hash, print: fresh.print };
    },
  };
}

export type AntigenChecks = ReturnType<typeof createAntigenChecks>;
