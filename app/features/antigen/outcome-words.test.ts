import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { antigenRefusals, stripReason } from '../../../core/contract/antigen.ts';
import { languages } from '../../i18n/messages.ts';
import { explainReading, explainRefusal, readerWords, refusalWords, reviewWords, type Bilingual } from './outcome-words.ts';

const source = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1] ?? '');
const han = /\p{Script=Han}/u;

function expectBothLanguages(entry: Bilingual | undefined, code: string) {
  for (const language of languages) {
    const text = entry?.[language];
    expect(text?.title.trim(), `${code} ${language} title`).toBeTruthy();
    expect(text?.next.trim(), `${code} ${language} next step`).toBeTruthy();
  }
  // Each written in its own language, not a copy of the other.
  expect(han.test(`${entry?.zh.title}${entry?.zh.next}`), `${code} zh`).toBe(true);
  expect(han.test(`${entry?.en.title}${entry?.en.next}`), `${code} en`).toBe(false);
}

describe('plain words for every refusal and review reason', () => {
  it('has a title and a next step in Chinese and English for every reason code of the contract', () => {
    for (const code of stripReason.options) expectBothLanguages(readerWords[code], code);
    for (const code of antigenRefusals) expectBothLanguages(refusalWords[code], code);
    for (const [code, entry] of Object.entries(reviewWords)) expectBothLanguages(entry, code);
  });

  it('the contract lists every code the server refuses a self-test with', () => {
    // The antigen checks, and the sync handler outside its check-in part (whose codes are the venue scan's).
    const sync = source('server/services/sync.ts');
    const withoutCheckIns = sync.slice(0, sync.indexOf("'check-in':")) + sync.slice(sync.indexOf('function isOutboxKind'));
    const thrown = new Set(all(source('server/services/antigen-checks.ts') + withoutCheckIns, /new HttpError\(\d+, '([a-z_]+)'/g));
    expect(thrown.size).toBeGreaterThanOrEqual(6);
    for (const code of thrown) expect(antigenRefusals, code).toContain(code);
  });

  it('the contract lists exactly the reasons the readers give, on the server and in the browser', () => {
    const readers = ['core/antigen/kit-reader.ts', 'core/antigen/strip-reader.ts', 'app/features/antigen/read-strip.ts'].map(source).join('\n');
    const given = new Set([...all(readers, /reason: '([a-z-]+)'/g), ...all(readers, /unreadable\('([a-z-]+)'/g)]);
    expect([...given].sort()).toEqual([...stripReason.options].sort());
  });
});

describe('explainRefusal', () => {
  it('names the check from the outbox’s "code: message" and keeps the message as detail', () => {
    const rejected = 'photo_reused: photo: this photo of a test was already uploaded; take a new photo of this test.';
    const explained = explainRefusal(rejected);
    expect(explained.code).toBe('photo_reused');
    expect(explained.words.zh.title).toBe('照片已用过');
    expect(explained.words.en.next).toBe('Take a new photo of this test');
    expect(explained.detail).toBe(rejected);
  });

  it('reads a code outside the antigen checks as not accepted', () => {
    expect(explainRefusal('internal: boom').code).toBe('bad_request');
    expect(explainRefusal('rejected').words.en.title).toBe('The upload was not accepted');
  });
});

describe('explainReading', () => {
  it('says nothing when the strip agrees with what was declared, or nothing is declared yet', () => {
    expect(explainReading({ result: 'negative', control: 0.5, test: 0 }, 'negative')).toBeNull();
    expect(explainReading({ result: 'positive', control: 0.5, test: 0.4 }, null)).toBeNull();
  });

  it('an unreadable strip: the reason in words, its numbers behind the toggle', () => {
    const explained = explainReading({ result: 'unreadable', control: null, test: null, reason: 'cassette-shape', detail: 'cassette shape 0.20' }, 'negative');
    expect(explained?.words.zh.title).toBe('没看到试剂盒窗口');
    expect(explained?.words.en.next).toMatch(/lay the cassette flat, fill the frame/i);
    expect(explained?.detail).toContain('cassette shape 0.20');
  });

  it('an unreadable strip without a reason goes to a reviewer', () => {
    expect(explainReading({ result: 'unreadable', control: null, test: null }, 'negative')?.words).toBe(reviewWords.review);
  });

  it('a strip that reads otherwise than declared: T without C says so, any other difference asks to check the choice', () => {
    expect(explainReading({ result: 'invalid', control: 0, test: 0.3, reason: 't-without-c', detail: 'T without C' }, 'negative')?.words.zh.title).toBe('没有 C 线，检测无效');
    const disagrees = explainReading({ result: 'positive', control: 0.5, test: 0.4 }, 'negative');
    expect(disagrees?.words).toBe(reviewWords.disagrees);
    expect(disagrees?.detail).toBe('C 0.500 T 0.400');
  });
});
