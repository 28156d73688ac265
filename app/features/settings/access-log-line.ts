import type { AccessLogEntry } from '../../../core/contract/account.ts';
import type { MessageKey } from '../../i18n/messages.ts';

export interface AccessLogLine {
  /** Who, as the server named them (a masked name, a provider, a venue), and what kind of reader. */
  who: string;
  kind: MessageKey;
  why: MessageKey;
  what: MessageKey;
  at: string;
}

/** How one access log entry reads on the 查询记录 screen: every part a catalog message, none spelled here. */
export function accessLogLine(entry: AccessLogEntry): AccessLogLine {
  return {
    who: entry.actor.label,
    kind: `accessLog.actor.${entry.actor.kind}`,
    why: `accessLog.purpose.${entry.purpose}`,
    what: `accessLog.data.${entry.data}`,
    at: entry.at,
  };
}
