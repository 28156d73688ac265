import { beforeAll, describe, expect, it } from 'vitest';
import { ruleSetById } from '../../core/rules/default-rule-sets.ts';
import { measuredClock, reckonNow, type ClockState } from '../../core/clock.ts';
import { presentCompactCode, signCompactCredential, signCompactPaperCode } from '../../core/crypto/compact-code.ts';
import { paperCodeText, type CredentialClaims, type PaperClaims } from '../../core/crypto/health-code.ts';
import { presentCode } from '../../core/crypto/live-code.ts';
import { compactBucketSeconds, compactHashBits, compactSubjectHash, encodeCompactRevocations, readCompactHeader } from '../../core/crypto/revocation-compact.ts';
import { groupEntries } from '../../core/crypto/revocation-groups.ts';
import { signToken } from '../../core/crypto/signed-token.ts';
import { seconds, testCredentialClaims, testKeys, testNow as now } from '../../testing/codes/claims.ts';
import { applyRevocations } from './revocation-check.ts';
import { verifyHealthCode } from './verify-health-code.ts';

const leaveShanghai = ruleSetById('leave-shanghai');
const venueEntry = ruleSetById('venue-entry');
const hour = 3_600_000;

let server: CryptoKeyPair;
let device: CryptoKeyPair;
const lookup = (kid: string) => (kid === 'srv1' ? server.publicKey : undefined);

/** 李*海, green with two doses and a verified antigen, issued an hour before `now` to `device`. */
const claimsFor = (edit: Partial<CredentialClaims>): Promise<CredentialClaims> =>
  testCredentialClaims(device, { s: 'demo-b', n: '李*海', c: 'green', p: ['n', seconds(now - 60 * hour)], d: 2, iat: seconds(now - hour), exp: seconds(now + 12 * hour), ...edit });

async function codeFor(edit: Partial<CredentialClaims>): Promise<string> {
  return presentCode(await signToken(server.privateKey, 'srv1', await claimsFor(edit)), device.privateKey, now);
}

/** The same statement in the compact form the phone now shows, signed by the phone at `signedAt`. */
async function compactCodeFor(edit: Partial<CredentialClaims>, signedAt = now): Promise<string> {
  return presentCompactCode(await signCompactCredential(server.privateKey, 'srv1', await claimsFor(edit)), device.privateKey, signedAt);
}

beforeAll(async () => {
  ({ server, device } = await testKeys());
});

describe('verifyHealthCode', () => {
  it('applies the chosen rule set to the credential facts and names only the masked person', async () => {
    const code = await codeFor({});
    const leave = await verifyHealthCode(code, lookup, leaveShanghai, now);
    expect(leave.kind === 'checked' && leave.evaluation.pass).toBe(false);
    expect(leave.kind === 'checked' && leave.evaluation.failing.map((f) => f.clause.kind)).toEqual(['pcr-negative']);
    expect(leave.kind === 'checked' && leave.maskedName).toBe('李*海');
    expect(leave.kind === 'checked' && leave.paper).toBeNull();
    // What the screens show beside the verdict, and the subject a kiosk logs the visit for: all from the signed claims.
    expect(leave).toMatchObject({
      subject: 'demo-b',
      facts: { colour: 'green', pcr: { result: 'negative', at: seconds(now - 60 * hour) * 1000 }, antigen: { result: 'negative', at: seconds(now - 3 * hour) * 1000 }, doses: 2 },
    });
    const venue = await verifyHealthCode(code, lookup, venueEntry, now);
    expect(venue.kind === 'checked' && venue.evaluation.pass).toBe(true);
  });

  it('shows the antigen’s trust level in its facts, and fails leave-shanghai on a code that names none', async () => {
    const fresh: Partial<CredentialClaims> = { p: ['n', seconds(now - hour)] };
    for (const makeCode of [codeFor, compactCodeFor]) {
      const verified = await verifyHealthCode(await makeCode({ ...fresh, a: ['n', seconds(now - hour), 'v'] }), lookup, leaveShanghai, now);
      expect(verified.kind === 'checked' && verified.facts.antigen).toEqual({ result: 'negative', at: seconds(now - hour) * 1000, trust: 'self-verified' });
      expect(verified.kind === 'checked' && verified.evaluation.pass).toBe(true);
      const older = await verifyHealthCode(await makeCode({ ...fresh, a: ['n', seconds(now - hour)] }), lookup, leaveShanghai, now);
      expect(older.kind === 'checked' && older.evaluation.failing.map((f) => f.state)).toEqual([{ kind: 'untrusted', at: seconds(now - hour) * 1000, trust: null }]);
    }
  });

  it('fails a yellow code at a venue and a positive antigen when leaving', async () => {
    const yellow = await verifyHealthCode(await codeFor({ c: 'yellow' }), lookup, venueEntry, now);
    expect(yellow.kind === 'checked' && yellow.evaluation.failing.map((f) => f.state.kind)).toEqual(['colour']);
    const positive = await verifyHealthCode(await codeFor({ p: ['n', seconds(now - hour)], a: ['p', seconds(now - hour), 'v'] }), lookup, leaveShanghai, now);
    expect(positive.kind === 'checked' && positive.evaluation.failing.map((f) => f.state.kind)).toEqual(['positive']);
  });

  it('judges a paper code printed two days ago by test ages at the scan, and shows what to hold against the ID card', async () => {
    const printedAt = now - 48 * hour;
    const paper = { t: 'paper', s: 'demo-f', n: '张*婆', i: '310***********4564', c: 'green', p: ['n', seconds(printedAt - 6 * hour)], a: null, d: 3, iat: seconds(printedAt), exp: seconds(printedAt + 72 * hour) };
    const code = paperCodeText(await signToken(server.privateKey, 'srv1', paper));
    const leave = await verifyHealthCode(code, lookup, leaveShanghai, now);
    expect(leave).toMatchObject({ kind: 'checked', subject: 'demo-f', maskedName: '张*婆', facts: { antigen: null, doses: 3 }, paper: { maskedIdNumber: '310***********4564', printedAt, validUntil: printedAt + 72 * hour } });
    // The PCR was 6 h old when printed and is 54 h old now: the 48 h rule fails today, with no antigen either.
    expect(leave.kind === 'checked' && leave.evaluation.failing.map((f) => f.clause.kind)).toEqual(['pcr-negative', 'antigen-negative']);
    const venue = await verifyHealthCode(code, lookup, venueEntry, now);
    expect(venue.kind === 'checked' && venue.evaluation.pass).toBe(true);
  });

  it('passes a refusal through without evaluating anything', async () => {
    expect(await verifyHealthCode(await codeFor({}), lookup, leaveShanghai, now + 91_000)).toEqual({ kind: 'refused', reason: 'stale' });
    expect(await verifyHealthCode('https://example.com/', lookup, leaveShanghai, now)).toEqual({ kind: 'refused', reason: 'foreign' });
  });

  it('asks to recheck a code signed before its holder’s colour changed, by the synced list; one signed after stands', async () => {
    const salt = 'dGVzdC1zYWx0LXZhbHVl';
    const changedAt = seconds(now - hour / 2);
    const body = encodeCompactRevocations({
      v: now,
      salt,
      full: true,
      hashBits: compactHashBits,
      bucketSeconds: compactBucketSeconds,
      groups: groupEntries([{ hash: await compactSubjectHash(salt, 'demo-b', compactHashBits), notBefore: changedAt }], compactBucketSeconds),
    });
    const header = readCompactHeader(body);
    if (!header) throw new Error('unreadable list');
    const revocations = await applyRevocations(null, header, now, () => Promise.resolve());
    expect(await verifyHealthCode(await codeFor({}), lookup, venueEntry, now, revocations)).toEqual({ kind: 'recheck' });
    expect(await verifyHealthCode(await compactCodeFor({}), lookup, venueEntry, now, revocations)).toEqual({ kind: 'recheck' });
    const fresh = await verifyHealthCode(await codeFor({ iat: changedAt }), lookup, venueEntry, now, revocations);
    expect(fresh.kind === 'checked' && fresh.evaluation.pass).toBe(true);
  });
});

describe('both code formats during the changeover', () => {
  it('gives the same verdict on the SSM1 and the compact SSM2 form of one statement', async () => {
    for (const edit of [{}, { c: 'yellow' as const }, { p: ['n', seconds(now - hour)] as ['n', number] }]) {
      for (const ruleSet of [leaveShanghai, venueEntry]) {
        const legacy = await verifyHealthCode(await codeFor(edit), lookup, ruleSet, now);
        expect(legacy.kind).toBe('checked');
        expect(await verifyHealthCode(await compactCodeFor(edit), lookup, ruleSet, now)).toEqual(legacy);
      }
    }
  });

  it('checks a compact paper code like a printed SSM1 one', async () => {
    const printedAt = now - 48 * hour;
    const paper: PaperClaims = { t: 'paper', s: 'demo-f', n: '张*婆', i: '310***********4564', c: 'green', p: ['n', seconds(printedAt - 6 * hour)], a: null, d: 3, iat: seconds(printedAt), exp: seconds(printedAt + 72 * hour) };
    const legacy = await verifyHealthCode(paperCodeText(await signToken(server.privateKey, 'srv1', paper)), lookup, venueEntry, now);
    expect(legacy).toMatchObject({ kind: 'checked', paper: { maskedIdNumber: '310***********4564' } });
    expect(await verifyHealthCode(await signCompactPaperCode(server.privateKey, 'srv1', paper), lookup, venueEntry, now)).toEqual(legacy);
  });
});

/**
 * A phone and a verifier each reckon server time from their own clock and what they last learned online
 * (core/clock.ts). Real time is `now`; citizen (b)'s last PCR is 47 h 30 min old, so leaving Shanghai
 * passes only while it is under 48 h: a verifier that thought it 2 h earlier than it is would wrongly pass
 * her at 49 h 30 min, and one 2 h late would fail her now.
 */
describe('clock skew never gives a wrong PASS', () => {
  const pcrSampled = now - 47.5 * hour;
  const skews = [2 * hour, -2 * hour];
  /** A device whose clock runs `skew` off and that learned the true offset when last online, an hour ago. */
  const synced = (skew: number): ClockState => measuredClock(-skew, now - hour + skew);
  /** A device whose clock was right when last online and was set `skew` off since. */
  const changedSince = (onlineAgo = hour): ClockState => measuredClock(0, now - onlineAgo);

  async function scan(phone: { skew: number; state: ClockState }, verifier: { skew: number; state: ClockState }, realTime = now) {
    const phoneTime = reckonNow(phone.state, realTime + phone.skew);
    if (!phoneTime.ok) return 'phone cannot judge';
    const code = await compactCodeFor({ p: ['n', seconds(pcrSampled)], iat: seconds(now - 10 * 60_000) }, phoneTime.now);
    const verifierTime = reckonNow(verifier.state, realTime + verifier.skew);
    if (!verifierTime.ok) return 'verifier cannot judge';
    const verification = await verifyHealthCode(code, lookup, leaveShanghai, verifierTime.now);
    if (verification.kind !== 'checked') return verification.kind === 'refused' ? verification.reason : 'recheck';
    return verification.evaluation.pass ? 'PASS' : 'FAIL';
  }

  const right = { skew: 0, state: synced(0) };

  it('tells the truth when a phone or verifier 2 h ahead or behind learned the offset online', async () => {
    for (const skew of skews) {
      expect(await scan({ skew, state: synced(skew) }, right)).toBe('PASS');
      expect(await scan(right, { skew, state: synced(skew) })).toBe('PASS');
      // Two hours later the PCR is 49 h 30 min old: both say so whatever their clocks read.
      expect(await scan({ skew, state: synced(skew) }, { skew: -skew, state: synced(-skew) }, now + 2 * hour)).toBe('FAIL');
    }
  });

  it('refuses or cannot judge when a phone’s clock was set 2 h off after it was last online', async () => {
    expect(await scan({ skew: 2 * hour, state: changedSince() }, right)).toBe('future');
    // Set back past the last time it was online: the phone itself says its clock looks wrong.
    expect(await scan({ skew: -2 * hour, state: changedSince() }, right)).toBe('phone cannot judge');
    // Online three hours ago, set back two since: nothing on the phone shows it, the verifier sees an old code.
    expect(await scan({ skew: -2 * hour, state: changedSince(3 * hour) }, right)).toBe('stale');
  });

  it('refuses or cannot judge when a verifier’s clock was set 2 h off after it was last online', async () => {
    // Behind: the code was issued 10 min ago by the server's clock, after what the verifier thinks is now.
    expect(await scan(right, { skew: -2 * hour, state: changedSince(3 * hour) })).toBe('clock');
    expect(await scan(right, { skew: -2 * hour, state: changedSince() })).toBe('verifier cannot judge');
    // Ahead: the phone's live time is two hours old to it.
    expect(await scan(right, { skew: 2 * hour, state: changedSince() })).toBe('stale');
  });

  it('cannot judge a paper code printed after what a verifier 2 h behind thinks is now', async () => {
    const paper = (printedAt: number): PaperClaims => ({ t: 'paper', s: 'demo-f', n: '张*婆', i: '310***********4564', c: 'green', p: ['n', seconds(pcrSampled)], a: null, d: 3, iat: seconds(printedAt), exp: seconds(printedAt + 72 * hour) });
    const behind = reckonNow(changedSince(3 * hour), now - 2 * hour);
    expect(behind.ok).toBe(true);
    const behindNow = behind.ok ? behind.now : 0;
    const freshPrint = await signCompactPaperCode(server.privateKey, 'srv1', paper(now - hour));
    expect(await verifyHealthCode(freshPrint, lookup, leaveShanghai, behindNow)).toEqual({ kind: 'refused', reason: 'clock' });
  });
});
