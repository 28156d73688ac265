/**
 * The page's first script: paints the kept code (boot/paint-kept-code.ts), then starts the React app, whose chunks
 * the HTML shell has already asked for (vite.config.ts, bootPreload). No framework, no zod, no router here:
 * its size budget is 12 KB gzipped with the QR encoder (scripts/build/bundle-budget.ts).
 */
// The stylesheets the painted card needs, linked by the HTML shell before anything is painted; theme first.
import './ui/theme.css';
import './shell/shell.css';
import './offline/offline.css';
import './ui/live-clock.css';
import './ui/code-qr.css';
import './features/health-code-panel/health-code-panel.css';
import { paintKeptCode } from './boot/paint-kept-code.ts';

void paintKeptCode()
  // A failure paints nothing: the app signs and shows the code, or what went wrong, itself.
  .catch(() => false)
  .then(() => import('./main.tsx'));
