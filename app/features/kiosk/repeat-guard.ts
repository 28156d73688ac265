/**
 * The kiosk decodes every camera frame, so one code held up for three seconds is read dozens of times,
 * and a visitor who shows it again a moment later must not become a second visit. A code counts when its
 * holder (the signed subject; the text itself for a code that cannot be read) was not seen in the last
 * `windowMs`; every sighting restarts that holder's window, so a code left in front of the camera never
 * counts twice. Entries older than the window are dropped, so an all-day queue keeps memory flat.
 */
export const repeatWindowMs = 10_000;

export interface RepeatGuard {
  /** True when this sighting is a new visit to count; false for a repeat within the window. */
  isNew(key: string, at: number): boolean;
  /** How many holders are remembered now (for tests and the soak). */
  size(): number;
}

export function createRepeatGuard(windowMs = repeatWindowMs): RepeatGuard {
  const lastSeen = new Map<string, number>();
  const forgetOld = (at: number) => {
    for (const [key, seen] of lastSeen) if (at - seen >= windowMs) lastSeen.delete(key);
  };
  return {
    isNew(key, at) {
      forgetOld(at);
      const fresh = !lastSeen.has(key);
      lastSeen.set(key, at);
      return fresh;
    },
    size: () => lastSeen.size,
  };
}

export interface TextMemo {
  /** The holder key a text was read as, if it was read within the window (and refreshes it). */
  get(text: string, at: number): string | undefined;
  set(text: string, key: string, at: number): void;
}

/**
 * Which holder a scanned text belongs to, remembered for the window, so that the frames of one code are
 * not verified again and again (a live code's text changes only when the phone signs it anew, each minute).
 * At most `limit` texts are kept, the oldest dropped first.
 */
export function createTextMemo(windowMs = repeatWindowMs, limit = 64): TextMemo {
  const texts = new Map<string, { key: string; at: number }>();
  return {
    get(text, at) {
      const entry = texts.get(text);
      if (!entry || at - entry.at >= windowMs) return undefined;
      entry.at = at;
      return entry.key;
    },
    set(text, key, at) {
      texts.delete(text);
      texts.set(text, { key, at });
      while (texts.size > limit) {
        const oldest = texts.keys().next();
        if (oldest.done) break;
        texts.delete(oldest.value);
      }
    },
  };
}
