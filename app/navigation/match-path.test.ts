import { describe, expect, it } from 'vitest';
import { matchPath } from './match-path.ts';

describe('matchPath', () => {
  it('matches literal paths exactly, ignoring a trailing slash', () => {
    expect(matchPath('/scan', '/scan')).toEqual({});
    expect(matchPath('/scan', '/scan/')).toEqual({});
    expect(matchPath('/scan', '/scanner')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/', '/scan')).toBeNull();
  });

  it('captures and decodes params', () => {
    expect(matchPath('/venues/:number/poster', '/venues/SH%20001/poster')).toEqual({ number: 'SH 001' });
    expect(matchPath('/check-ins/:id', '/check-ins/a/b')).toBeNull();
  });

  it('refuses a malformed escape instead of throwing', () => {
    expect(matchPath('/check-ins/:id', '/check-ins/%E0%A4%A')).toBeNull();
  });

  it('lets * match anything', () => {
    expect(matchPath('*', '/no/such/page')).toEqual({});
  });
});
