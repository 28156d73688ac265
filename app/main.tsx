// IndexedDB and the QR worker start before anything else is evaluated (shell/start-early.ts).
import './shell/start-early.ts';
// The theme comes first, so every feature's stylesheet may build on its tokens and primitives.
import './ui/theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadStoredLanguage } from './i18n/i18n-provider.tsx';
import { requestPersistentStorage } from './offline/persistent-storage.ts';
import { App } from './shell/app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// A phone set to English fetches that catalog first (from the service worker's cache, offline too); one in
// Chinese renders at once, never having downloaded it. Should the fetch fail, the app shows in Chinese.
void loadStoredLanguage()
  .catch(() => undefined)
  // The first render gets a task of its own: in the same task as the modules' evaluation, the two would be one
  // long task, which blocks input as a whole.
  .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
void requestPersistentStorage();
