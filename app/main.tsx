import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker, requestPersistentStorage } from './offline/service-worker.ts';
import { App } from './shell/app.tsx';
import './ui/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
void requestPersistentStorage();
