import { beforeAll, describe, expect, it } from 'vitest';
import { ruleSetById } from '../../../core/rules/default-rule-sets.ts';
import { paperCodeText, presentCode, publicKeyToRaw, type CredentialClaims } from '../../../core/crypto/health-code.ts';
import { subjectHash } from '../../../core/crypto/revocation-list.ts';
import { ecdsa, signToken } from '../../../core/crypto/signed-token.ts';
import { mergeRevocations } from './revocation-check.ts';
import { verifyHealthCode } from './verify-health-code.ts';

const leaveShanghai = ruleSetById('leave-shanghai');
const venueEntry = ruleSetById('venue-entry');
const hour = 3_600_000;
const now = Date.parse('2022-04-02T10:00:00+08:00');
const seconds = (ms: number) => Math.floor(ms / 1000);

let server: CryptoKeyPair;
let device: CryptoKeyPair;
const lookup = (kid: string) => (kid === 'srv1' ? server.publicKey : undefined);

async function codeFor(edit: Partial<CredentialClaims>): Promise<string> {
  const claims: CredentialClaims = {
    t: 'cred',
    s: 'demo-b',
    n: '李*海',
    c: 'green',
    p: ['n', seconds(now - 60 * hour)],
    a: ['n', seconds(now - 3 * hour)],
    d: 2,
    k: await publicKeyToRaw(device.publicKey),
    iat: seconds(now - hour),
    exp: seconds(now + 12 * hour),
    ...edit,
  };
  return presentCode(await signToken(server.privateKey, 'srv1', claims), device.privateKey, now);
}

beforeAll(async () => {
  server = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  device = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
});

describe('verifyHealthCode', () => {
  it('applies the chosen rule set to the credential facts and names only the masked person', async () => {
    const code = await codeFor({});
    const leave = await verifyHealthCode(code, lookup, leaveShanghai, now);
    expect(leave.kind === 'checked' && leave.evaluation.pass).toBe(false);
    expect(leave.kind === 'checked' && leave.evaluation.failing.map((f) => f.clause.kind)).toEqual(['pcr-negative']);
    expect(leave.kind === 'checked' && leave.maskedName).toBe('李*海');
    expect(leave.kind === 'checked' && leave.paper).toBeNull();
    const venue = await verifyHealthCode(code, lookup, venueEntry, now);
    expect(venue.kind === 'checked' && venue.evaluation.pass).toBe(true);
  });

  it('fails a yellow code at a venue and a positive antigen when leaving', async () => {
    const yellow = await verifyHealthCode(await codeFor({ c: 'yellow' }), lookup, venueEntry, now);
    expect(yellow.kind === 'checked' && yellow.evaluation.failing.map((f) => f.state.kind)).toEqual(['colour']);
    const positive = await verifyHealthCode(await codeFor({ p: ['n', seconds(now - hour)], a: ['p', seconds(now - hour)] }), lookup, leaveShanghai, now);
    expect(positive.kind === 'checked' && positive.evaluation.failing.map((f) => f.state.kind)).toEqual(['positive']);
  });

  it('judges a paper code printed two days ago by test ages at the scan, and shows what to hold against the ID card', async () => {
    const printedAt = now - 48 * hour;
    const paper = { t: 'paper', s: 'demo-f', n: '张*婆', i: '310***********4564', c: 'green', p: ['n', seconds(printedAt - 6 * hour)], a: null, d: 3, iat: seconds(printedAt), exp: seconds(printedAt + 72 * hour) };
    const code = paperCodeText(await signToken(server.privateKey, 'srv1', paper));
    const leave = await verifyHealthCode(code, lookup, leaveShanghai, now);
    expect(leave).toMatchObject({ kind: 'checked', maskedName: '张*婆', paper: { maskedIdNumber: '310***********4564', printedAt, validUntil: printedAt + 72 * hour } });
    // The PCR was 6 h old when printed and is 54 h old now: the 48 h rule fails today, with no antigen either.
    expect(leave.kind === 'checked' && leave.evaluation.failing.map((f) => f.clause.kind)).toEqual(['pcr-negative', 'antigen-negative']);
    const venue = await verifyHealthCode(code, lookup, venueEntry, now);
    expect(venue.kind === 'checked' && venue.evaluation.pass).toBe(true);
  });

  it('passes a refusal through without evaluating anything', async () => {
    expect(await verifyHealthCode(await codeFor({}), lookup, leaveShanghai, now + 91_000)).toEqual({ kind: 'refused', reason: 'stale' });
    expect(await verifyHealthCode('https://example.com/', lookup, leaveShanghai, now)).toEqual({ kind: 'refused', reason: 'foreign' });
  });

  it('refuses a code signed before its holder’s colour changed, by the synced list; one signed after stands', async () => {
    const salt = 'dGVzdC1zYWx0LXZhbHVl';
    const changedAt = seconds(now - hour / 2);
    const revocations = mergeRevocations(null, { t: 'revocations', v: now, salt, e: [[await subjectHash(salt, 'demo-b'), changedAt]] }, now);
    expect(await verifyHealthCode(await codeFor({}), lookup, venueEntry, now, revocations)).toEqual({ kind: 'refused', reason: 'revoked' });
    const fresh = await verifyHealthCode(await codeFor({ iat: changedAt }), lookup, venueEntry, now, revocations);
    expect(fresh.kind === 'checked' && fresh.evaluation.pass).toBe(true);
  });
});
