/**
 * ISO 7064 MOD 11-2, the check character of the 18-character numbers issued in China: the resident ID
 * (GB 11643-1999), the 港澳台居民居住证 (same number scheme) and the 2023 外国人永久居留身份证. Checking it at the
 * boundary catches the typo an elderly relative's number most often has, before any request.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

export function mod11CheckCharacter(first17: string): string {
  const sum = weights.reduce((total, weight, index) => total + Number(first17.charAt(index)) * weight, 0);
  return checkCharacters[sum % 11] ?? '';
}

/** 17 digits and the check character that matches them (X for ten), in either case. */
export function hasMod11Check(value: string): boolean {
  const normalised = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalised)) return false;
  return mod11CheckCharacter(normalised.slice(0, 17)) === normalised[17];
}

/** A mainland resident ID number (居民身份证): the one rule every older part of the wallet used. */
export const isValidIdNumber = hasMod11Check;
