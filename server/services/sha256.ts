import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string: how login codes, session tokens, provider keys and feed lines are stored or compared. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
