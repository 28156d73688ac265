import { describe, expect, it } from 'vitest';
import { confirmReducer, confirmWindowMs, idleConfirm, type ConfirmEvent, type ConfirmState, type TypedPass } from './typed-confirm.ts';

const pass = (id: string, since = 0): TypedPass => ({
  id,
  status: { maskedName: 'S**** O***** R***', pass: true, failedClauses: [] },
  document: { type: 'passport', number: '925076473', country: 'GBR' },
  since,
});

const run = (events: ConfirmEvent[], from: ConfirmState = idleConfirm) => events.reduce(confirmReducer, from);
/** How many confirm requests a run of events sends: each step into 'sending' is one. */
const sends = (events: ConfirmEvent[]) => {
  let state = idleConfirm;
  let sent = 0;
  for (const event of events) {
    const next = confirmReducer(state, event);
    if (state.step !== 'sending' && next.step === 'sending') sent++;
    state = next;
  }
  return sent;
};

describe('confirmReducer', () => {
  it('waits for the tap after a typed pass, and only 确认放行 sends, with the lookup id', () => {
    const waiting = run([{ type: 'passed', pass: pass('l1') }]);
    expect(waiting).toEqual({ step: 'waiting', pass: pass('l1'), problem: null });
    const sending = confirmReducer(waiting, { type: 'confirm' });
    expect(sending).toEqual({ step: 'sending', pass: pass('l1') });
    expect(confirmReducer(sending, { type: 'confirmed' })).toEqual({ step: 'logged', pass: pass('l1') });
  });

  it('sends once for a double tap, and again only after a network failure', () => {
    expect(sends([{ type: 'passed', pass: pass('l1') }, { type: 'confirm' }, { type: 'confirm' }, { type: 'confirmed' }, { type: 'confirm' }])).toBe(1);
    const retried: ConfirmEvent[] = [{ type: 'passed', pass: pass('l1') }, { type: 'confirm' }, { type: 'failed', problem: 'network' }, { type: 'confirm' }];
    expect(run(retried)).toEqual({ step: 'sending', pass: pass('l1') });
    expect(sends(retried)).toBe(2);
    expect(run(retried.slice(0, 3))).toEqual({ step: 'waiting', pass: pass('l1'), problem: 'network' });
  });

  it('does not send again a confirm the server refused (too old, not this kiosk’s)', () => {
    const refused = run([{ type: 'passed', pass: pass('l1') }, { type: 'confirm' }, { type: 'failed', problem: 'refused' }]);
    expect(refused).toMatchObject({ step: 'waiting', problem: 'refused' });
    expect(confirmReducer(refused, { type: 'confirm' })).toBe(refused);
    expect(confirmReducer(refused, { type: 'cancel' })).toBe(idleConfirm);
  });

  it('取消 or the timeout drops the pass with nothing sent', () => {
    expect(sends([{ type: 'passed', pass: pass('l1') }, { type: 'cancel' }, { type: 'confirm' }])).toBe(0);
    expect(run([{ type: 'passed', pass: pass('l1', 1_000) }, { type: 'timeout', now: 1_000 + confirmWindowMs - 1 }])).toMatchObject({ step: 'waiting' });
    const timedOut: ConfirmEvent[] = [{ type: 'passed', pass: pass('l1', 1_000) }, { type: 'timeout', now: 1_000 + confirmWindowMs }, { type: 'confirm' }];
    expect(run(timedOut)).toBe(idleConfirm);
    expect(sends(timedOut)).toBe(0);
  });

  it('never drops a confirm on its way: cancel, timeout and a new pass wait for its answer', () => {
    const sending = run([{ type: 'passed', pass: pass('l1') }, { type: 'confirm' }]);
    for (const event of [{ type: 'cancel' }, { type: 'timeout', now: confirmWindowMs * 10 }, { type: 'passed', pass: pass('l2') }, { type: 'dismiss' }] as const) {
      expect(confirmReducer(sending, event)).toBe(sending);
    }
  });

  it('a new visitor’s pass replaces one still waiting, so the tap confirms the one on screen', () => {
    const replaced = run([{ type: 'passed', pass: pass('l1') }, { type: 'passed', pass: pass('l2') }, { type: 'confirm' }]);
    expect(replaced).toEqual({ step: 'sending', pass: pass('l2') });
  });

  it('clears a logged visit on dismiss, and ignores answers that arrive with nothing sent', () => {
    expect(run([{ type: 'passed', pass: pass('l1') }, { type: 'confirm' }, { type: 'confirmed' }, { type: 'dismiss' }])).toBe(idleConfirm);
    expect(run([{ type: 'confirmed' }])).toBe(idleConfirm);
    expect(run([{ type: 'passed', pass: pass('l1') }, { type: 'failed', problem: 'network' }])).toMatchObject({ step: 'waiting', problem: null });
  });
});
