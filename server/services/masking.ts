/** How names and ID numbers leave the server: never whole, always masked the way 随申码 shows them. */

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 310101199001011234 → 310***********1234: the issuing region's first digits and the last four stay. */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.trim());
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

/** All but the first three and last four digits, to tell the citizen which phone to look at. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
