/**
 * Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character. Checking the checksum
 * at the boundary catches the typo an elderly relative's number most often has, before any request.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

export function idNumberCheckCharacter(first17: string): string {
  const sum = weights.reduce((total, weight, index) => total + Number(first17.charAt(index)) * weight, 0);
  return checkCharacters[sum % 11] ?? '';
}

export function isValidIdNumber(value: string): boolean {
  const normalised = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalised)) return false;
  return idNumberCheckCharacter(normalised.slice(0, 17)) === normalised[17];
}
