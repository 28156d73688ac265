import { defineConfig } from 'vitest/config';

/**
 * `npm run test:attack`: issue 22's attacks, each replayed against real servers (real HTTP on real ports,
 * SQLite) the way the attacker made them; the suite fails if any attack succeeds. Kept out of the unit
 * run by its file names (*.attack.ts), so it runs once, on its own.
 */
export default defineConfig({
  test: {
    root: '.',
    environment: 'node',
    include: ['testing/attack/**/*.attack.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
