/**
 * A device preference (language, text size) kept in localStorage rather than IndexedDB: localStorage
 * reads synchronously, so the very first paint already follows it. Storage may be unavailable or full
 * (private mode, quota); then the default is read and a choice holds for this visit only.
 */
import { useCallback, useState } from 'react';

export interface StoredPreference<T extends string> {
  /** The stored choice, or the default when there is none, it is not one of the choices, or storage fails. */
  read: () => T;
  write: (value: T) => void;
}

export function storedPreference<T extends string>(key: string, choices: readonly T[], fallback: T): StoredPreference<T> {
  return {
    read() {
      try {
        const stored = localStorage.getItem(key);
        return choices.find((choice) => choice === stored) ?? fallback;
      } catch {
        return fallback;
      }
    },
    write(value) {
      try {
        localStorage.setItem(key, value);
      } catch {
        // Nothing to do: the choice stays in state for this visit.
      }
    },
  };
}

/** The preference as React state: read for the first render, written on every choice. */
export function usePreference<T extends string>(preference: StoredPreference<T>): [T, (value: T) => void] {
  const [value, setValue] = useState(preference.read);
  const choose = useCallback(
    (next: T) => {
      setValue(next);
      preference.write(next);
    },
    [preference],
  );
  return [value, choose];
}
