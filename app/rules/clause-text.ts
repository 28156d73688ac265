import type { RuleClause } from '../../core/contract/records.ts';
import type { Language, MessageKey } from '../i18n/messages.ts';
import { translate } from '../i18n/translate.ts';
import type { ClauseState } from '../../core/rules/evaluate.ts';

/** A clause in words, in one language: the traveller check shows both side by side. */
export function clauseText(language: Language, clause: RuleClause): string {
  return clause.kind === 'code-colour' ? translate(language, 'rule.code-colour') : translate(language, `rule.${clause.kind}`, { hours: clause.maxAgeHours });
}

export function clauseStateKey(state: ClauseState): MessageKey {
  return state.kind === 'untrusted' ? `rule.state.untrusted.${state.trust ?? 'unknown'}` : `rule.state.${state.kind}`;
}

/** 21:05:09 — hours may run past 24, a countdown is not a clock. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
