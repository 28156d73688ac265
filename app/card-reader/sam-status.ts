/**
 * SW3, the status byte of every SAM_V answer (GA 467), and what the session makes of it. The card-side
 * failures (no card, not selected, read failed, authentication) mean "place the card again"; the module-side
 * ones (not authorised, self test failed) mean the reader itself needs service.
 */
export const samStatus = {
  ok: 0x90,
  cardFound: 0x9f,
  noContent: 0x91,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  notPermitted: 0x23,
  unknownError: 0x24,
  cardAuthenticatesSamFailed: 0x31,
  samAuthenticatesCardFailed: 0x32,
  verificationFailed: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  selfTestFailed: 0x60,
  notAuthorised: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
} as const;

export type SamStatusName = keyof typeof samStatus;

export type StatusMeaning = 'ok' | 'no-card' | 'card-unreadable' | 'card-unsupported' | 'reader-fault' | 'frame-rejected';

export function statusName(sw3: number): SamStatusName | null {
  return (Object.entries(samStatus) as [SamStatusName, number][]).find(([, code]) => code === sw3)?.[0] ?? null;
}

export function statusMeaning(sw3: number): StatusMeaning {
  switch (sw3) {
    case samStatus.ok:
    case samStatus.cardFound:
      return 'ok';
    case samStatus.noCard:
      return 'no-card';
    case samStatus.selectFailed:
    case samStatus.readFailed:
    case samStatus.cardAuthenticatesSamFailed:
    case samStatus.samAuthenticatesCardFailed:
    case samStatus.verificationFailed:
    case samStatus.randomFailed:
    case samStatus.noContent:
      return 'card-unreadable';
    case samStatus.unknownCardType:
      return 'card-unsupported';
    case samStatus.checksumError:
    case samStatus.lengthError:
    case samStatus.commandError:
      return 'frame-rejected';
    default:
      return 'reader-fault';
  }
}
