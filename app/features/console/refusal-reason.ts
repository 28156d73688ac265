/** A refusal's reason: the registrant reads it, so it must say something and fit on their screen. */
export const refusalReasonLimits = { min: 2, max: 200 } as const;

/** The trimmed reason, or null when it is too short or too long to send. */
export function refusalReason(text: string): string | null {
  const reason = text.trim().replace(/\s+/g, ' ');
  const length = reason.length;
  return length >= refusalReasonLimits.min && length <= refusalReasonLimits.max ? reason : null;
}
