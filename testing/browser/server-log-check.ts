/**
 * Playwright's global teardown: after every journey of the run, the e2e server's log must hold no personal
 * data (docs/observability.md promises it). Also prints the server's warnings and errors, which the log file
 * keeps out of the test output, so a failing run still shows what the server said.
 */
import { existsSync, readFileSync } from 'node:fs';
import { demoCitizens } from '../../server/services/demo-seed.ts';
import { findPersonalData } from '../server/log-privacy.ts';

export const e2eServerLog = 'e2e/.generated/server.log';

function warningsAndErrors(log: string): string[] {
  return log.split('\n').filter((line) => {
    if (line.trim() === '' || line.startsWith('Suishen Wallet on ')) return false;
    try {
      const parsed: unknown = JSON.parse(line);
      return !(parsed && typeof parsed === 'object' && 'level' in parsed && typeof parsed.level === 'number' && parsed.level < 40);
    } catch {
      return true;
    }
  });
}

export default function checkServerLog(): void {
  if (!existsSync(e2eServerLog)) throw new Error(`${e2eServerLog} is missing: the e2e server wrote no log.`);
  const log = readFileSync(e2eServerLog, 'utf8');
  const said = warningsAndErrors(log);
  if (said.length > 0) console.log(`The e2e server's warnings and errors (${said.length}, the last 40):\n${said.slice(-40).join('\n')}`);
  const known = demoCitizens.flatMap((citizen) => [citizen.name, citizen.phone, citizen.document.number]);
  const findings = findPersonalData(log, known);
  if (findings.length > 0) {
    const shown = findings.slice(0, 20).map((finding) => `  line ${finding.line}: ${finding.what} ${finding.text}`);
    throw new Error(`The e2e server logged personal data (${findings.length} places, ${e2eServerLog}):\n${shown.join('\n')}`);
  }
}
