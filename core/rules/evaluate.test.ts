import { describe, expect, it } from 'vitest';
import { ruleSetById } from './default-rule-sets.ts';
import type { RuleSet } from '../contract/records.ts';
import { evaluate, type Facts, type TestFact } from './evaluate.ts';
import { factsFromRecords } from './facts.ts';

const leaveShanghai = ruleSetById('leave-shanghai');
const venueEntry = ruleSetById('venue-entry');
const hour = 3_600_000;
const second = 1000;

const sampled = Date.parse('2022-04-02T08:00:00+08:00');
const facts = (pcrAt: number, antigenAt: number): Facts => ({
  colour: 'green',
  pcr: [{ result: 'negative', at: pcrAt }],
  antigen: [{ result: 'negative', at: antigenAt, trust: 'self-verified' }],
});

describe('evaluate leave-shanghai at the 48 h boundary', () => {
  const antigen = sampled + 40 * hour;
  it('passes at 47:59:59 and exactly 48:00:00', () => {
    expect(evaluate(leaveShanghai, facts(sampled, antigen), sampled + 48 * hour - second).pass).toBe(true);
    expect(evaluate(leaveShanghai, facts(sampled, antigen), sampled + 48 * hour).pass).toBe(true);
  });
  it('fails at 48:00:01 and names the PCR clause only', () => {
    const result = evaluate(leaveShanghai, facts(sampled, antigen), sampled + 48 * hour + second);
    expect(result.pass).toBe(false);
    expect(result.failing.map((f) => f.clause.kind)).toEqual(['pcr-negative']);
    expect(result.failing[0]?.state).toEqual({ kind: 'too-old', at: sampled });
    expect(result.lapsesAt).toBeNull();
  });
  it('says a pass lapses when its earliest clause does', () => {
    // Antigen 10 h after the PCR lapses at +34 h, before the PCR's +48 h.
    const result = evaluate(leaveShanghai, facts(sampled, sampled + 10 * hour), sampled + 12 * hour);
    expect(result.pass).toBe(true);
    expect(result.lapsesAt).toBe(sampled + 34 * hour);
    const later = evaluate(leaveShanghai, facts(sampled, sampled + 10 * hour), sampled + 34 * hour + 1);
    expect(later.failing.map((f) => f.clause.kind)).toEqual(['antigen-negative']);
  });
});

describe('evaluate with awkward records', () => {
  it('fails every clause with no records at all', () => {
    const result = evaluate(leaveShanghai, { colour: null, pcr: [], antigen: [] }, sampled);
    expect(result.pass).toBe(false);
    expect(result.failing.map((f) => f.state.kind)).toEqual(['missing', 'missing']);
    expect(evaluate(venueEntry, { colour: null, pcr: [], antigen: [] }, sampled).failing.map((f) => f.state.kind)).toEqual(['colour', 'missing']);
  });
  it('lets a positive newer than a negative decide', () => {
    const result = evaluate(
      leaveShanghai,
      { colour: 'green', pcr: [{ result: 'negative', at: sampled }, { result: 'positive', at: sampled + hour }], antigen: [{ result: 'negative', at: sampled, trust: 'institution' }] },
      sampled + 2 * hour,
    );
    expect(result.failing.map((f) => f.state)).toEqual([{ kind: 'positive', at: sampled + hour }]);
  });
  it('lets a negative newer than a positive decide, and ignores an invalid antigen', () => {
    const result = evaluate(
      leaveShanghai,
      {
        colour: 'green',
        pcr: [{ result: 'positive', at: sampled - 30 * hour }, { result: 'negative', at: sampled }],
        antigen: [
          { result: 'negative', at: sampled, trust: 'institution' },
          { result: 'invalid', at: sampled + hour, trust: 'self-review' },
        ],
      },
      sampled + 2 * hour,
    );
    expect(result.pass).toBe(true);
  });
  it('refuses a venue to a yellow code whatever the PCR', () => {
    const result = evaluate(venueEntry, { ...facts(sampled, sampled), colour: 'yellow' }, sampled + hour);
    expect(result.failing).toEqual([{ clause: venueEntry.clauses[0], state: { kind: 'colour', colour: 'yellow' } }]);
  });
  it('gives the same answer whatever zone the device is in (records carry offsets)', () => {
    // The unit tests run with TZ=America/Los_Angeles; the same instants written in two offsets agree.
    const shanghai = factsFromRecords(
      'green',
      [{ id: 'p', sampledAt: '2022-04-02T08:00:00+08:00', reportedAt: null, result: 'negative', institution: 'x' }],
      [{ id: 'a', testedAt: '2022-04-03T08:00:00+08:00', result: 'negative', kit: 'k', lot: 'l', trust: 'self-verified' }],
    );
    const utc = factsFromRecords(
      'green',
      [{ id: 'p', sampledAt: '2022-04-02T00:00:00Z', reportedAt: null, result: 'negative', institution: 'x' }],
      [{ id: 'a', testedAt: '2022-04-03T00:00:00Z', result: 'negative', kit: 'k', lot: 'l', trust: 'self-verified' }],
    );
    const boundary = Date.parse('2022-04-04T08:00:00+08:00');
    expect(evaluate(leaveShanghai, shanghai, boundary)).toEqual(evaluate(leaveShanghai, utc, boundary));
    expect(evaluate(leaveShanghai, shanghai, boundary).pass).toBe(true);
    expect(evaluate(leaveShanghai, shanghai, boundary + second).pass).toBe(false);
  });
  it('keeps a self-test waiting for review with its level, and leaves out one a reviewer rejected', () => {
    const test = { id: 'a', testedAt: '2022-04-03T08:00:00+08:00', kit: 'k', lot: 'l' };
    const at = Date.parse(test.testedAt);
    const waiting = factsFromRecords('green', [], [{ ...test, result: 'negative', trust: 'self-review' }]);
    expect(waiting.antigen).toEqual([{ result: 'negative', at, trust: 'self-review' }]);
    const rejected = factsFromRecords('green', [], [{ ...test, result: 'negative', trust: 'self-review', review: { decision: 'rejected', at: test.testedAt } }]);
    expect(rejected.antigen).toEqual([]);
  });
});

describe('antigen trust levels', () => {
  const pcr = [{ result: 'negative' as const, at: sampled }];
  const antigen = (trust: TestFact['trust'], result: TestFact['result'] = 'negative', at = sampled): Facts => ({ colour: 'green', pcr, antigen: [{ result, at, trust }] });
  const antigenState = (ruleSet: RuleSet, facts: Facts) => evaluate(ruleSet, facts, sampled + hour).clauses.find((c) => c.clause.kind === 'antigen-negative')?.state;
  const anyLevel: RuleSet = { id: 'any', version: 1, title: { zh: 'x', en: 'x' }, clauses: [{ kind: 'antigen-negative', maxAgeHours: 24 }] };

  it('lets leave-shanghai accept a testing site and a verified self-test', () => {
    expect(leaveShanghai.clauses).toContainEqual({ kind: 'antigen-negative', maxAgeHours: 24, acceptedTrust: ['institution', 'self-verified'] });
    expect(evaluate(leaveShanghai, antigen('institution'), sampled + hour).pass).toBe(true);
    expect(evaluate(leaveShanghai, antigen('self-verified'), sampled + hour).pass).toBe(true);
  });
  it('says a negative waiting for review does not count yet, rather than that there is none', () => {
    const result = evaluate(leaveShanghai, antigen('self-review'), sampled + hour);
    expect(result.pass).toBe(false);
    expect(result.failing.map((f) => f.state)).toEqual([{ kind: 'untrusted', at: sampled, trust: 'self-review' }]);
  });
  it('reads a code that names no level as not accepted where a level is asked for, and as before where none is', () => {
    expect(antigenState(leaveShanghai, antigen(undefined))).toEqual({ kind: 'untrusted', at: sampled, trust: null });
    expect(antigenState(anyLevel, antigen(undefined))).toEqual({ kind: 'met', lapsesAt: sampled + 24 * hour });
  });
  it('never counts a negative waiting for review, even where the clause lists no levels', () => {
    expect(antigenState(anyLevel, antigen('self-review'))?.kind).toBe('untrusted');
    expect(antigenState(anyLevel, antigen('institution'))?.kind).toBe('met');
  });
  it('lets a rule set accept only a testing site', () => {
    const strict: RuleSet = { ...anyLevel, clauses: [{ kind: 'antigen-negative', maxAgeHours: 24, acceptedTrust: ['institution'] }] };
    expect(antigenState(strict, antigen('self-verified'))).toEqual({ kind: 'untrusted', at: sampled, trust: 'self-verified' });
    expect(antigenState(strict, antigen('institution'))?.kind).toBe('met');
  });
  it('lets a positive decide whatever its level', () => {
    expect(antigenState(leaveShanghai, antigen('self-review', 'positive'))).toEqual({ kind: 'positive', at: sampled });
    expect(antigenState(leaveShanghai, antigen(undefined, 'positive'))).toEqual({ kind: 'positive', at: sampled });
  });
  it('falls back to an older accepted negative, and names the newer unaccepted one only when nothing meets the clause', () => {
    const facts: Facts = {
      colour: 'green',
      pcr,
      antigen: [
        { result: 'negative', at: sampled - 10 * hour, trust: 'institution' },
        { result: 'negative', at: sampled, trust: 'self-review' },
      ],
    };
    expect(antigenState(leaveShanghai, facts)).toEqual({ kind: 'met', lapsesAt: sampled + 14 * hour });
    expect(evaluate(leaveShanghai, facts, sampled + 15 * hour).failing.map((f) => f.state)).toEqual([{ kind: 'untrusted', at: sampled, trust: 'self-review' }]);
    // Once the unaccepted one is out of the window too, the clause is simply too old.
    expect(evaluate(leaveShanghai, facts, sampled + 25 * hour).failing.map((f) => f.state)).toEqual([{ kind: 'too-old', at: sampled - 10 * hour }]);
  });
});
