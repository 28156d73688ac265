/**
 * How a one-time code reaches the citizen's phone: one interface, chosen once by configuration.
 * - Demo mode has no gateway: the code goes back in the API response and the screen shows it (演示).
 * - For real, the code is POSTed to an SMS webhook (an SMS gateway, or a small relay in front of one) as
 *   JSON signed with HMAC-SHA256, so the gateway can tell the server's requests from anyone else's.
 * A sender that cannot deliver throws `CodeNotSent`; the caller makes sure no usable code is left behind.
 */
import { createHmac } from 'node:crypto';

/** What a code is for: the SMS gateway words the text by it (README, "Login codes: the SMS webhook"). */
export type CodePurpose = 'login' | 'family-link' | 'account-deletion' | 'operator-login';

export interface CodeMessage {
  phone: string;
  code: string;
  expiresInSeconds: number;
  purpose: CodePurpose;
}

export interface CodeSender {
  /** Delivers the code; what comes back is only for the API response (the code itself, in demo mode). */
  send(message: CodeMessage): Promise<{ demoCode?: string }>;
}

export interface SmsWebhook {
  url: string;
  /** Shared with the gateway; signs every body. */
  secret: string;
  /** How long the gateway may take to accept a message; 5 s unless a test wants it shorter. */
  timeoutMs?: number;
}

export class CodeNotSent extends Error {}

export const signatureHeader = 'X-Suishen-Signature';

/** `sha256=<hex HMAC-SHA256 of the exact body>`, as the gateway recomputes it. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export const demoSender: CodeSender = {
  send: (message) => Promise.resolve({ demoCode: message.code }),
};

export function webhookSender(webhook: SmsWebhook): CodeSender {
  const timeoutMs = webhook.timeoutMs ?? 5000;
  return {
    async send(message) {
      const body = JSON.stringify({
        phone: message.phone,
        code: message.code,
        expiresInSeconds: message.expiresInSeconds,
        purpose: message.purpose,
      });
      let response: Response;
      try {
        response = await fetch(webhook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [signatureHeader]: webhookSignature(webhook.secret, body) },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // fetch says only "fetch failed"; the cause names the refused connection or the unknown host.
        const cause = error instanceof Error ? (error.cause ?? error) : error;
        const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(cause);
        throw new CodeNotSent(`SMS webhook unreachable: ${why}`);
      }
      // The body is not needed; reading it frees the connection for the next message.
      await response.body?.cancel();
      if (!response.ok) throw new CodeNotSent(`SMS webhook answered ${response.status}`);
      return {};
    },
  };
}

/** The sender a server runs with; a production server with no way to deliver codes must not start. */
export function codeSenderFor(config: { demo: boolean; smsWebhook?: SmsWebhook }): CodeSender {
  if (config.demo) return demoSender;
  if (!config.smsWebhook) throw new Error(missingSenderMessage);
  return webhookSender(config.smsWebhook);
}

export const missingSenderMessage =
  'DEMO=false needs a way to send login codes: set SMS_WEBHOOK_URL (the SMS gateway webhook) and SMS_WEBHOOK_SECRET (at least 16 characters, shared with the gateway), or run with DEMO=true.';
