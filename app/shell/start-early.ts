/**
 * Imported first by main.tsx, so that what the code at the door waits on starts before the rest of the app's
 * modules are evaluated: IndexedDB opening (slower than that evaluation on a cold start, and the cached records
 * and the code wait on it) and, on the panel, the QR worker's script loading and compiling. A failure is left
 * for the first real use to report.
 */
import { walletDb } from '../offline/db.ts';
import { startQrWorker } from '../ui/qr-off-thread.ts';

walletDb().catch(() => undefined);
if (location.pathname === '/') startQrWorker();
