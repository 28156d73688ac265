/**
 * Finds a Chromium for the e2e suite. A Playwright-installed browser wins where one exists (a normal
 * developer laptop after `npx playwright install chromium`); otherwise a system Chromium, as on the
 * Debian CI machine where Playwright cannot download its own. With neither, say exactly what to install.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemChromiums = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags a system Chromium needs on a headless, offline-by-default machine (and as root). */
const systemFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserChoice {
  executablePath: string | undefined;
  args: string[];
  description: string;
}

export function findChromium(): BrowserChoice {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return { executablePath: fromEnv, args: systemFlags, description: fromEnv };
  }
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return { executablePath: undefined, args: [], description: bundled };
  const system = systemChromiums.find((path) => existsSync(path));
  if (system) return { executablePath: system, args: systemFlags, description: system };
  throw new Error(
    [
      'No Chromium found for the end-to-end tests. Install one of:',
      '  npx playwright install chromium        (any OS, needs access to Playwright’s download host)',
      '  sudo apt-get install -y chromium       (Debian / Ubuntu)',
      'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
    ].join('\n'),
  );
}
