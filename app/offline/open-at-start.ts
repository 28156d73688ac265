/**
 * Imported first by main.tsx, so that IndexedDB opens while the rest of the app's modules are evaluated:
 * on a cold start the open took longer than that evaluation, and the cached records and the code wait on it
 * (profile:panel; BENCHMARKS.md, Goals of issue 12). A failure is left for the first real use to report.
 */
import { walletDb } from './db.ts';

walletDb().catch(() => undefined);
