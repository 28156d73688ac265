import '../kiosk.css';
import { useCallback, useEffect, useState } from 'react';
import type { KioskMe } from '../../../../core/contract/kiosks.ts';
import { ApiError } from '../../../api/client.ts';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import { serverUnavailable } from '../../../offline/network-first.ts';
import { LoadingState } from '../../../ui/status-views.tsx';
import { fetchKioskMe } from '../api/get-kiosk-me.ts';
import { forgetKioskPairing, saveKioskPairing, storedKioskPairing } from '../kiosk-store.ts';
import { KioskScreen } from './kiosk-screen.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'unpaired' }
  | { kind: 'revoked' }
  | { kind: 'pair-failed' }
  | { kind: 'needs-network' }
  | { kind: 'paired'; token: string; me: KioskMe };

/** The venue's name and rule may change (the owner chooses another rule): asked again this often. */
const meRefreshMs = 5 * 60 * 1000;
const pairPrefix = '#pair=';

/**
 * Takes a pairing token from the owner's link (`/kiosk#pair=<token>`: a fragment never reaches a server or its
 * logs), keeps it in IndexedDB and removes it from the address bar, so it is not left in the history either.
 */
async function takePairingFromUrl(): Promise<void> {
  const { hash } = window.location;
  if (!hash.startsWith(pairPrefix)) return;
  window.history.replaceState(window.history.state, '', window.location.pathname);
  const token = decodeURIComponent(hash.slice(pairPrefix.length)).trim();
  if (token) await saveKioskPairing({ token, me: null });
}

/** /kiosk: a spare phone or tablet as the venue's 数字哨兵. No citizen login: the pairing token is its credential. */
export function KioskPage() {
  const k = useKioskText();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const confirm = useCallback(async (signal: AbortSignal) => {
    const pairing = await storedKioskPairing();
    if (!pairing) {
      setState({ kind: 'unpaired' });
      return;
    }
    try {
      const me = await fetchKioskMe(pairing.token, signal);
      await saveKioskPairing({ token: pairing.token, me });
      setState({ kind: 'paired', token: pairing.token, me });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        await forgetKioskPairing();
        // A token confirmed before and refused now was revoked; one never confirmed was a bad link.
        setState({ kind: error.code === 'kiosk_revoked' || pairing.me ? 'revoked' : 'pair-failed' });
      } else if (serverUnavailable(error) && pairing.me) {
        // Offline: the venue as last confirmed; visits queue until the network returns.
        setState({ kind: 'paired', token: pairing.token, me: pairing.me });
      } else if (!(error instanceof DOMException && error.name === 'AbortError')) {
        setState({ kind: 'needs-network' });
      }
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const pairFromUrl = () => void takePairingFromUrl().then(() => confirm(controller.signal));
    pairFromUrl();
    const timer = window.setInterval(() => void confirm(controller.signal), meRefreshMs);
    const online = () => void confirm(controller.signal);
    window.addEventListener('online', online);
    // The pairing link opened in the tab that already shows /kiosk changes only the fragment: no new page load.
    window.addEventListener('hashchange', pairFromUrl);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      window.removeEventListener('online', online);
      window.removeEventListener('hashchange', pairFromUrl);
    };
  }, [confirm]);

  const onUnauthorized = useCallback((error: ApiError) => {
    void forgetKioskPairing().finally(() => setState({ kind: error.code === 'kiosk_unauthorized' ? 'pair-failed' : 'revoked' }));
  }, []);

  if (state.kind === 'paired') return <KioskScreen key={state.token} token={state.token} me={state.me} onUnauthorized={onUnauthorized} />;
  if (state.kind === 'loading') {
    return (
      <main className="kiosk kiosk--message">
        <LoadingState label={k('kiosk.loading')} />
      </main>
    );
  }
  const texts = {
    unpaired: ['kiosk.unpaired.title', 'kiosk.unpaired.body'],
    revoked: ['kiosk.revoked.title', 'kiosk.unpaired.body'],
    'pair-failed': ['kiosk.unpaired.title', 'kiosk.pairFailed'],
    'needs-network': ['kiosk.title', 'kiosk.needsNetwork'],
  } as const;
  const [title, body] = texts[state.kind];
  return (
    <main className="kiosk kiosk--message">
      <h1 className="kiosk__message-title">{k(title)}</h1>
      {state.kind === 'revoked' && <p role="alert">{k('kiosk.revoked.body')}</p>}
      <p>{k(body)}</p>
    </main>
  );
}
