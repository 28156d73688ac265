/**
 * Turns whatever a camera start rejected with (a DOMException, html5-qrcode's strings wrapping one,
 * a bare Event) into one of the few problems the user can act on.
 */
export type CameraProblem = 'denied' | 'no-camera' | 'busy' | 'insecure' | 'unknown';

export function describeRejection(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  if (typeof Event !== 'undefined' && error instanceof Event) return `${error.type} event`;
  return String(error);
}

export function classifyCameraError(error: unknown, secureContext: boolean): CameraProblem {
  if (!secureContext) return 'insecure';
  const text = describeRejection(error);
  if (/NotAllowedError|SecurityError|PermissionDenied|Permission denied/i.test(text)) return 'denied';
  if (/NotFoundError|DevicesNotFound|OverconstrainedError|Requested device not found/i.test(text)) return 'no-camera';
  if (/NotReadableError|TrackStartError|AbortError|Could not start video source|in use/i.test(text)) return 'busy';
  if (/streaming not supported/i.test(text)) return 'insecure';
  return 'unknown';
}
