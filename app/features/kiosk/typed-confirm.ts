/**
 * The staff's tap after a typed lookup passed: a typed number proves no one is at the door, so the
 * visit is logged only by 确认放行. This machine decides what the confirm panel shows and when a confirm may be
 * sent: one request at a time, never after 取消 or the timeout, and the same lookup id on every retry, which
 * the server takes as the idempotency key (services/kiosks.ts `confirm`).
 */
import type { KioskLookupStatus } from '../../../core/contract/kiosks.ts';
import type { IdentityDocument } from '../../../core/identity/documents.ts';

/** How long a passed typed lookup waits for the staff's tap before it is dropped, logging nothing. */
export const confirmWindowMs = 30_000;

export interface TypedPass {
  /** The lookup's id: the confirm's path and the check-in's id. */
  id: string;
  status: KioskLookupStatus;
  document: IdentityDocument;
  /** When the panel went up (ms), for the timeout. */
  since: number;
}

/** Why a confirm did not log: the network (retry) or the server refusing it (too old, not this kiosk's). */
export type ConfirmProblem = 'network' | 'refused';

export type ConfirmState =
  | { step: 'idle' }
  | { step: 'waiting'; pass: TypedPass; problem: ConfirmProblem | null }
  | { step: 'sending'; pass: TypedPass }
  | { step: 'logged'; pass: TypedPass };

export type ConfirmEvent =
  | { type: 'passed'; pass: TypedPass }
  | { type: 'confirm' }
  | { type: 'confirmed' }
  | { type: 'failed'; problem: ConfirmProblem }
  | { type: 'cancel' }
  | { type: 'timeout'; now: number }
  | { type: 'dismiss' };

export const idleConfirm: ConfirmState = { step: 'idle' };

export function confirmReducer(state: ConfirmState, event: ConfirmEvent): ConfirmState {
  switch (event.type) {
    case 'passed':
      // A new visitor's pass replaces one still waiting; one being sent finishes first (its answer would be lost).
      return state.step === 'sending' ? state : { step: 'waiting', pass: event.pass, problem: null };
    case 'confirm':
      // A refused confirm cannot succeed on retry; only a network failure is worth sending again.
      return state.step === 'waiting' && state.problem !== 'refused' ? { step: 'sending', pass: state.pass } : state;
    case 'confirmed':
      return state.step === 'sending' ? { step: 'logged', pass: state.pass } : state;
    case 'failed':
      return state.step === 'sending' ? { step: 'waiting', pass: state.pass, problem: event.problem } : state;
    case 'cancel':
      // While a confirm is on its way it may already be stored: the staff waits for its answer.
      return state.step === 'waiting' ? idleConfirm : state;
    case 'timeout':
      return state.step === 'waiting' && event.now - state.pass.since >= confirmWindowMs ? idleConfirm : state;
    case 'dismiss':
      return state.step === 'logged' ? idleConfirm : state;
  }
}

