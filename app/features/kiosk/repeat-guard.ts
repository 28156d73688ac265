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
