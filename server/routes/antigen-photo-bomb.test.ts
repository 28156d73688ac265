/**
 * Issue 22's JPEG attack against a real server: a progressive JPEG of thousands of tiny scans, cheap to send
 * and seconds to decode, is refused from its headers before any decoding and nothing is stored; and a photo
 * that does get decoded is decoded off the thread that answers requests, within a time limit.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antigenLimits } from '../../core/contract/antigen.ts';
import { cassetteJpeg } from '../../testing/images/jpeg.ts';
import { scanBombJpeg } from '../../testing/images/scan-bomb-jpeg.ts';
import { expectApiError, loginCookie, postJson } from '../../testing/server/test-client.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';
import { createJpegDecoder, JpegDecodeTimeout } from '../services/jpeg-decoder.ts';
import { jpegStructureProblem, readJpegStructure } from '../services/jpeg.ts';

let server: TestServer;
let cookie = '';
beforeAll(async () => {
  server = await startTestServer();
  cookie = await loginCookie(server.url, '13800000001');
}, 120_000);
afterAll(async () => {
  await server.close();
});

const decodeOptions = { maxResolutionInMP: antigenLimits.photoMaxSide ** 2 / 1e6, maxMemoryUsageInMB: 64 };

describe('a JPEG made to be slow to decode', { timeout: 120_000 }, () => {
  it('is refused from its headers, before decoding, and nothing is stored', async () => {
    const bomb = scanBombJpeg(20_000);
    expect(bomb.length).toBeLessThan(antigenLimits.photoMaxBytes);
    const id = randomUUID();
    const payload = {
      testedAt: new Date(Date.now() - 3600_000).toISOString(),
      result: 'negative',
      kit: '万孚',
      lot: 'W2022040101',
      gtin: '06901234567892',
      serial: `BOMB-${id.slice(0, 8)}`,
      expiresOn: '2099-12-31',
      photo: { type: 'image/jpeg', width: 1280, height: 1280, bytes: bomb.length, base64: bomb.toString('base64') },
    };
    const response = await postJson(server.url, '/sync/item', { id, kind: 'antigen-test', payload }, cookie);
    const text = await expectApiError(response, 415, 'unsupported_media_type');
    expect(text).toMatch(/20001 scans/);
    expect(await server.query('SELECT id FROM antigen_tests WHERE id = ?', id)).toEqual([]);
  });

  it('reads the scan count and progressiveness of real files without decoding', () => {
    expect(readJpegStructure(scanBombJpeg(500))).toMatchObject({ progressive: true, scans: 501, frames: 1, width: 1280 });
    const baseline = cassetteJpeg(1).bytes;
    expect(readJpegStructure(baseline)).toMatchObject({ progressive: false, scans: 1, frames: 1 });
    // A progressive file with as many scans as encoders write (libjpeg 10, mozjpeg a few more) is let through.
    const ordinary = readJpegStructure(scanBombJpeg(20));
    expect(ordinary && jpegStructureProblem(ordinary, 1280)).toBeNull();
    const bomb = readJpegStructure(scanBombJpeg(100));
    expect(bomb && jpegStructureProblem(bomb, 1280)).toMatch(/101 scans/);
    expect(bomb && jpegStructureProblem(bomb, 640)).toMatch(/larger than 640/);
  });

  it('decodes off the request thread: the server answers while a heavy decode runs', async () => {
    const decoder = createJpegDecoder({ ...decodeOptions, timeLimitMs: 600_000, workers: 1 });
    try {
      let decoded = false;
      const decoding = decoder.decode(scanBombJpeg(4000)).then((raster) => {
        decoded = true;
        return raster;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      // Relative, not a speed: the answer came while the decode was still running.
      expect(decoded).toBe(false);
      expect((await decoding)?.width).toBe(1280);
    } finally {
      await decoder.close();
    }
  });

  it('gives up on a decode past its time limit, and decodes the next photo with a fresh worker', async () => {
    // The bomb takes jpeg-js seconds; a small photo, worker start included, a small part of the limit.
    const decoder = createJpegDecoder({ ...decodeOptions, timeLimitMs: 1500, workers: 1 });
    try {
      await expect(decoder.decode(scanBombJpeg(20_000))).rejects.toBeInstanceOf(JpegDecodeTimeout);
      const photo = cassetteJpeg(2);
      expect((await decoder.decode(photo.bytes))?.width).toBe(photo.width);
      expect(await decoder.decode(Buffer.from('not a jpeg'))).toBeNull();
    } finally {
      await decoder.close();
    }
  });
});
