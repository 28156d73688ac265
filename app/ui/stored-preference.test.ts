import { afterEach, describe, expect, it, vi } from 'vitest';
import { storedPreference } from './stored-preference.ts';

const size = storedPreference('test.size', ['standard', 'large'], 'standard');

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => items.set(key, value) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('stored preference', () => {
  it('reads back what was written, and the default before anything was', () => {
    vi.stubGlobal('localStorage', memoryStorage());
    expect(size.read()).toBe('standard');
    size.write('large');
    expect(size.read()).toBe('large');
  });

  it('reads the default for a stored value that is not one of the choices (older build, hand-edited)', () => {
    const storage = memoryStorage();
    storage.setItem('test.size', 'huge');
    vi.stubGlobal('localStorage', storage);
    expect(size.read()).toBe('standard');
  });

  it('neither reads nor writes throw when storage fails (private mode, full quota)', () => {
    const failing = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: failing, setItem: failing });
    expect(size.read()).toBe('standard');
    expect(() => {
      size.write('large');
    }).not.toThrow();
  });
});
