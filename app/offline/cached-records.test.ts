import { describe, expect, it } from 'vitest';
import { recordKeys } from '../records/record-keys.ts';
import { cachedRecordProblem, citizenOfCache } from './cached-records.ts';

const pcrTest = { id: 'p1', sampledAt: '2022-04-01T08:00:00.000Z', reportedAt: null, result: 'negative', institution: '上海市第一人民医院' };

describe('cached records read back from the device', () => {
  it('checks each record key the factory makes against its endpoint’s schema', () => {
    expect(cachedRecordProblem(recordKeys.pcrTests('demo-a'), { pcrTests: [pcrTest] })).toBeNull();
    expect(cachedRecordProblem(recordKeys.pcrTests('demo-a'), { pcrTests: [{ ...pcrTest, result: 'maybe' }] })).toMatch(/does not fit its schema/);
    expect(cachedRecordProblem(recordKeys.vaccinations('demo-a'), { pcrTests: [] })).toMatch(/does not fit its schema/);
    expect(cachedRecordProblem(recordKeys.me(), { citizen: null })).toMatch(/does not fit its schema/);
  });

  it('leaves keys it has no schema for, and near misses of record keys, to their own hooks', () => {
    expect(cachedRecordProblem(recordKeys.ruleSets(), { anything: true })).toBeNull();
    expect(cachedRecordProblem([...recordKeys.pcrTests('demo-a'), 'extra'], 'junk')).toBeNull();
    expect(cachedRecordProblem(recordKeys.citizen('demo-a'), 'junk')).toBeNull();
  });

  it('finds the signed-in citizen in the cached me answer', () => {
    const citizen = { id: 'demo-a', maskedName: '张*三', maskedIdNumber: '310***********1234', colour: 'green', colourSince: '2022-04-01T00:00:00.000Z' };
    expect(citizenOfCache([{ queryKey: recordKeys.me(), state: { data: { citizen, dependants: [] } } }])).toBe('demo-a');
    expect(citizenOfCache([{ queryKey: recordKeys.ruleSets(), state: { data: { citizen, dependants: [] } } }])).toBeUndefined();
  });
});
