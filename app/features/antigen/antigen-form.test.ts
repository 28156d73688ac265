import { describe, expect, it } from 'vitest';
import type { AntigenPhoto } from '../../../core/contract/antigen.ts';
import { checkScannedKit, validateAntigenForm, type AntigenFormValues } from './antigen-form.ts';
import { instantToShanghaiLocal, shanghaiLocalToInstant } from '../../../core/shanghai-time.ts';

const now = Date.parse('2022-04-02T04:00:00.000Z'); // 12:00 in Shanghai
const photo: AntigenPhoto = { type: 'image/jpeg', width: 1280, height: 960, bytes: 1000, base64: 'AAAA' };
const udi = { gtin: '6901234567892', serial: ' S1 ', expiresOn: '2022-04-02' };
const valid: AntigenFormValues = { result: 'negative', testedAt: '2022-04-02T11:30', kit: ' 万孚 ', lot: 'W1', photo, ...udi };
const kits = [{ gtin: '06901234567892', product: '新型冠状病毒抗原检测试剂盒', maker: '万孚' }];

describe('validateAntigenForm', () => {
  it('turns valid input into an upload with the Shanghai time as an instant and trimmed text', () => {
    expect(validateAntigenForm(valid, now)).toEqual({
      ok: true,
      upload: { result: 'negative', testedAt: '2022-04-02T03:30:00.000Z', kit: '万孚', lot: 'W1', photo, gtin: '06901234567892', serial: 'S1', expiresOn: '2022-04-02' },
    });
  });

  it('names every missing field', () => {
    const outcome = validateAntigenForm({ result: null, testedAt: '', kit: ' ', lot: '', photo: null, gtin: '', serial: '', expiresOn: '' }, now);
    expect(outcome).toEqual({
      ok: false,
      errors: {
        result: 'antigen.error.result',
        testedAt: 'antigen.error.testedAt.missing',
        kit: 'antigen.error.kit',
        lot: 'antigen.error.lot',
        photo: 'antigen.error.photo.missing',
        gtin: 'antigen.error.gtin',
        serial: 'antigen.error.serial',
        expiresOn: 'antigen.error.expiresOn',
      },
    });
  });

  it('refuses a mistyped GTIN, a kit not on the cached approved list, and a kit expired before the test day', () => {
    expect(validateAntigenForm({ ...valid, gtin: '6901234567893' }, now, kits)).toEqual({ ok: false, errors: { gtin: 'antigen.error.gtin' } });
    expect(validateAntigenForm({ ...valid, gtin: '06920000000012' }, now, kits)).toEqual({ ok: false, errors: { gtin: 'antigen.error.kitUnknown' } });
    expect(validateAntigenForm({ ...valid, expiresOn: '2022-04-01' }, now, kits)).toEqual({ ok: false, errors: { expiresOn: 'antigen.error.kitExpired' } });
    // Without a cached list the server decides when the upload arrives.
    expect(validateAntigenForm({ ...valid, gtin: '06920000000012' }, now, null).ok).toBe(true);
  });

  it('refuses a test time in the future or older than 7 days, at the exact bounds', () => {
    const at = (testedAt: string) => validateAntigenForm({ ...valid, testedAt }, now);
    expect(at('2022-04-02T12:02').ok).toBe(true); // within the two-minute clock allowance
    expect(at('2022-04-02T12:03')).toMatchObject({ errors: { testedAt: 'antigen.error.testedAt.future' } });
    expect(at('2022-03-26T12:00').ok).toBe(true); // exactly 7 days
    expect(at('2022-03-26T11:59')).toMatchObject({ errors: { testedAt: 'antigen.error.testedAt.old' } });
  });

  it('refuses kit or lot longer than the server accepts', () => {
    expect(validateAntigenForm({ ...valid, lot: 'x'.repeat(41) }, now)).toMatchObject({ errors: { lot: 'antigen.error.lot' } });
  });
});

describe('Shanghai datetime-local', () => {
  it('reads and writes wall-clock Shanghai time whatever the device zone', () => {
    expect(shanghaiLocalToInstant('2022-04-02T08:00')).toBe(Date.parse('2022-04-02T00:00:00Z'));
    expect(instantToShanghaiLocal(Date.parse('2022-04-01T23:59:00Z'))).toBe('2022-04-02T07:59');
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['', '2022-02-30T08:00', '2022-04-02T24:00', '2022-04-02 08:00', 'yesterday']) {
      expect(shanghaiLocalToInstant(bad)).toBeNull();
    }
  });
});

describe('checkScannedKit', () => {
  const scanned = (text: string, list: typeof kits | null = kits) => checkScannedKit(text, list, now);

  it('fills the form from an approved, unexpired kit read with its symbology prefix and FNC1 as GS', () => {
    expect(scanned(']d20106901234567892172204301012AB\x1d21S-0001')).toEqual({
      ok: true,
      udi: { gtin: '06901234567892', expiresOn: '2022-04-30', lot: '12AB', serial: 'S-0001' },
      kit: kits[0],
    });
    expect(scanned(']C1010690123456789217220402', null)).toMatchObject({ ok: true, kit: null, udi: { expiresOn: '2022-04-02' } });
  });

  it('refuses at once a kit off the approved list and one expired before today in Shanghai, naming the date', () => {
    expect(scanned(']Q30106920000000012172212311021S2')).toMatchObject({ ok: false, problem: 'unknown' });
    expect(scanned(']d2010690123456789217220401')).toMatchObject({ ok: false, problem: 'expired', expiresOn: '2022-04-01' });
  });

  it('keeps scanning past a code that is not a kit UDI', () => {
    expect(scanned(']Q1https://wallet.example/v?c=1')).toEqual({ ok: false, problem: 'not-udi' });
    expect(scanned(']C0ABC123')).toEqual({ ok: false, problem: 'not-udi' });
  });
});
