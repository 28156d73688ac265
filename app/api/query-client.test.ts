import { describe, expect, it } from 'vitest';
import { shouldPersistQuery } from './query-client.ts';

type Persistable = Parameters<typeof shouldPersistQuery>[0];
const query = (status: 'success' | 'error' | 'pending', meta?: { persist?: boolean }) => ({ state: { status }, meta }) as Persistable;

describe('shouldPersistQuery', () => {
  it('keeps answers that arrived and leaves out failures and waits', () => {
    expect(shouldPersistQuery(query('success'))).toBe(true);
    expect(shouldPersistQuery(query('error'))).toBe(false);
    expect(shouldPersistQuery(query('pending'))).toBe(false);
  });

  it('leaves out a query that opted out, however it ended', () => {
    expect(shouldPersistQuery(query('success', { persist: false }))).toBe(false);
    expect(shouldPersistQuery(query('success', { persist: true }))).toBe(true);
  });
});
