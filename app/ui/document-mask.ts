/**
 * How a door reader shows what it read while a queue looks on: enough for staff to match the person and the
 * document (the first and last characters, the type), not the whole number or name.
 */
export function maskHolderName(name: string): string {
  const trimmed = name.trim();
  if (/[A-Za-z]/.test(trimmed)) return trimmed.split(/\s+/).map((word) => word.charAt(0) + '*'.repeat(Math.max(0, word.length - 1))).join(' ');
  const characters = Array.from(trimmed);
  if (characters.length <= 1) return trimmed;
  if (characters.length === 2) return `${characters[0] ?? ''}*`;
  return `${characters[0] ?? ''}${'*'.repeat(characters.length - 2)}${characters.at(-1) ?? ''}`;
}

export function maskDocumentNumber(number: string): string {
  const keep = number.length >= 10 ? [3, 4] : [1, 2];
  const [head = 0, tail = 0] = keep;
  return `${number.slice(0, head)}${'*'.repeat(Math.max(0, number.length - head - tail))}${number.slice(-tail)}`;
}
