import { useEffect, useReducer, useRef, type ActionDispatch } from 'react';
import { ApiError } from '../../../api/client.ts';
import { confirmIdLookup } from '../api/confirm-id-lookup.ts';
import { confirmReducer, confirmWindowMs, idleConfirm, type ConfirmEvent, type ConfirmState } from '../typed-confirm.ts';

/** How long 已登记 stays up after the staff confirmed, as a verdict does. */
const loggedShownMs = 3000;

/**
 * Runs the confirm machine (typed-confirm.ts): sends the confirm when it steps into 'sending', drops a waiting
 * pass after the window, and clears a logged one. A 401 is the kiosk's revocation, handled like any other.
 */
export function useTypedConfirm(token: string, onUnauthorized: (error: ApiError) => void): [ConfirmState, ActionDispatch<[event: ConfirmEvent]>] {
  const [state, dispatch] = useReducer(confirmReducer, idleConfirm);
  // Held in a ref so that a new callback from the parent never re-runs (re-sends) a confirm on its way.
  const unauthorized = useRef(onUnauthorized);
  useEffect(() => {
    unauthorized.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    if (state.step !== 'sending') return;
    // The same lookup id every time: the server logs the visit once however often this is sent.
    confirmIdLookup(token, state.pass.id).then(
      () => dispatch({ type: 'confirmed' }),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) unauthorized.current(error);
        const refused = error instanceof ApiError && error.status >= 400 && error.status < 500;
        dispatch({ type: 'failed', problem: refused ? 'refused' : 'network' });
      },
    );
  }, [state, token]);

  useEffect(() => {
    if (state.step === 'waiting') {
      const timer = window.setTimeout(() => dispatch({ type: 'timeout', now: Date.now() }), Math.max(0, state.pass.since + confirmWindowMs - Date.now()));
      return () => window.clearTimeout(timer);
    }
    if (state.step === 'logged') {
      const timer = window.setTimeout(() => dispatch({ type: 'dismiss' }), loggedShownMs);
      return () => window.clearTimeout(timer);
    }
    return undefined;
  }, [state]);

  return [state, dispatch];
}
