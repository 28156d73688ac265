import { useCallback, useEffect, useRef, useState } from 'react';
import { kioskVisitKind } from '../../../../core/contract/kiosks.ts';
import type { RuleSet } from '../../../../core/contract/records.ts';
import type { KeyLookup } from '../../../../core/crypto/signed-token.ts';
import { serverNow } from '../../../api/server-clock.ts';
import { enqueue } from '../../../offline/outbox.ts';
import type { HeldRevocations } from '../../../offline/revocation-store.ts';
import { verifyHealthCode, type Verification } from '../../../verification/verify-health-code.ts';
import { createRepeatGuard, createTextMemo } from '../repeat-guard.ts';

export interface Checker {
  lookup: KeyLookup;
  ruleSet: RuleSet;
  revocations: HeldRevocations | null;
}

export interface CheckedCode {
  verification: Verification;
  at: number;
  pass: boolean;
  logged: boolean;
}

/**
 * Every camera frame's code, verified on the device as /verify does, once per visitor (repeat-guard.ts): a
 * PASS is queued in the kiosk's outbox before `onChecked` hears of it, so the screen never says 已登记 first.
 */
export function useCodeCheck(checker: Checker | null, owner: string, flush: () => void, onChecked: (checked: CheckedCode) => void): (text: string) => Promise<void> {
  const [guard] = useState(() => createRepeatGuard());
  const [memo] = useState(() => createTextMemo());
  const inFlight = useRef(new Set<string>());
  const current = useRef({ checker, flush, onChecked });
  useEffect(() => {
    current.current = { checker, flush, onChecked };
  }, [checker, flush, onChecked]);

  return useCallback(
    async (text: string) => {
      const check = current.current.checker;
      if (!check) return;
      const known = memo.get(text, Date.now());
      // A code read a moment ago: it only keeps its holder's window open.
      if (known !== undefined) {
        guard.isNew(known, Date.now());
        return;
      }
      if (inFlight.current.has(text)) return;
      inFlight.current.add(text);
      try {
        const clock = serverNow();
        const at = clock.ok ? clock.now : Date.now();
        const verification: Verification = clock.ok ? await verifyHealthCode(text, check.lookup, check.ruleSet, clock.now, check.revocations) : { kind: 'refused', reason: 'clock' };
        const key = verification.kind === 'checked' ? `subject:${verification.subject}` : `text:${text}`;
        memo.set(text, key, Date.now());
        if (!guard.isNew(key, Date.now())) return;
        const pass = verification.kind === 'checked' && verification.evaluation.pass;
        let logged = false;
        if (pass) {
          // The visit is durable on this device before the screen says so; the outbox sends it once.
          logged = await enqueue(kioskVisitKind, owner, { code: text.trim(), scannedAt: new Date(at).toISOString() }).then(
            () => true,
            () => false,
          );
          if (logged) current.current.flush();
        }
        current.current.onChecked({ verification, at, pass, logged });
      } finally {
        inFlight.current.delete(text);
      }
    },
    [guard, memo, owner],
  );
}
