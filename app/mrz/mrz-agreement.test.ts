import { describe, expect, it } from 'vitest';
import { mrzLines, travelDocuments } from '../../testing/mrz-documents.ts';
import { createAgreement } from './mrz-agreement.ts';
import { readMrzLines } from './mrz-text.ts';

const reads = travelDocuments.slice(0, 2).map((document) => readMrzLines(mrzLines(document), '2022-04-02'));

describe('two agreeing reads', () => {
  it('believes a read only when the next frame gives the same lines, within the window', () => {
    const [first, second] = reads;
    if (!first || !second) throw new Error('fixture');
    const agreement = createAgreement(1000);
    expect(agreement.offer(first, 0)).toBe(false);
    expect(agreement.offer(second, 100)).toBe(false);
    expect(agreement.offer(first, 200)).toBe(false);
    expect(agreement.offer(first, 300)).toBe(true);
    // Once believed, the next frame starts a new count.
    expect(agreement.offer(first, 400)).toBe(false);
    expect(agreement.offer(first, 2000)).toBe(false);
  });
});
