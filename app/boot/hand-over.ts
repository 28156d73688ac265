/**
 * What the boot module hands to the React app: the code it signed and painted (so the panel shows that one
 * rather than signing a second), and its painted card, which the app removes in the very commit that shows its
 * own card, so the two never both show and nothing moves. Imported by the boot entry and by the app, so both
 * hold the same module instance.
 */
import type { QrShape } from '../ui/qr-shape.ts';

export interface BootCode {
  citizenId: string;
  /** The credential token the code was signed from: the panel takes the code only for the same one. */
  token: string;
  code: { kind: 'ready'; text: string; signedAt: number; shape: QrShape };
  /** Local time it was made at. */
  madeAt: number;
}

export const bootCardId = 'boot-code';

let painted: BootCode | null = null;
let stopClock: (() => void) | null = null;

/** Called by the boot module once its card is on screen. */
export function keepBootCode(code: BootCode, clock: () => void): void {
  painted = code;
  stopClock = clock;
}

/** The code the boot module painted, taken once. */
export function takeBootCode(): BootCode | null {
  const code = painted;
  painted = null;
  return code;
}

/** Whether the boot module's card is still on screen. */
export const bootCardShown = (): boolean => document.getElementById(bootCardId) !== null;

/**
 * Removes the boot card and shows the app's root, which the boot module hid under it. Called from a layout
 * effect, it happens in the same frame as the app's own card appears. Does nothing when nothing was painted.
 */
export function releaseBootCard(): void {
  const card = document.getElementById(bootCardId);
  if (!card) return;
  stopClock?.();
  stopClock = null;
  card.remove();
  const root = document.getElementById('root');
  if (root) root.hidden = false;
}
