/**
 * Finds personal data in a server's log lines: anything shaped like a mainland phone number or resident ID
 * number, and any name or document number of the people a test run used. The request id and time are left
 * out of the search: a random UUID can hold eleven digits in a row.
 */
export interface LogFinding {
  line: number;
  what: string;
  text: string;
}

const shapes: [string, RegExp][] = [
  ['phone number', /(?<!\d)1[3-9]\d{9}(?!\d)/],
  ['resident ID number', /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/],
];

/** The line as searched: a JSON line without its request id and time, any other line as it is. */
function searchable(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object') {
      const rest: Record<string, unknown> = { ...parsed };
      delete rest.requestId;
      delete rest.time;
      return JSON.stringify(rest);
    }
  } catch {
    // Not JSON: a stack trace or a warning, searched whole.
  }
  return line;
}

export function findPersonalData(log: string, known: readonly string[]): LogFinding[] {
  const findings: LogFinding[] = [];
  log.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const text = searchable(raw);
    for (const [what, shape] of shapes) {
      const match = shape.exec(text);
      if (match) findings.push({ line: index + 1, what, text: match[0] });
    }
    for (const value of known) {
      if (value.length >= 2 && text.includes(value)) findings.push({ line: index + 1, what: 'a known name or number', text: value });
    }
  });
  return findings;
}
