/**
 * A stand-in SMS gateway for tests: a real HTTP server that checks each request's signature the way a
 * gateway must, keeps what it received, and can be told to fail or to never answer.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { signatureHeader, webhookSignature, type CodeMessage, type SmsWebhook } from '../../server/services/code-sender.ts';

/** A gateway for servers outside demo mode that never send a code (static files, headers). */
export const unusedSmsWebhook: SmsWebhook = { url: 'http://127.0.0.1:9/never-called', secret: 'never-used-secret-0123', timeoutMs: 5000 };

export interface SmsReceiver {
  /** What to give the server under test; a short timeout keeps the timeout test quick. */
  webhook: SmsWebhook;
  /** Messages whose signature verified, oldest first (in 'fail' mode too: the gateway saw them, then failed). */
  received: CodeMessage[];
  /** Requests refused because their signature did not verify. */
  badSignatures: number;
  /** 'accept' answers 204, 'fail' answers 500, 'hang' never answers. */
  mode: 'accept' | 'fail' | 'hang';
  /** The last code sent to `phone`. */
  lastCode(phone: string): string;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSmsReceiver(timeoutMs = 5000): Promise<SmsReceiver> {
  const secret = 'test-sms-secret-0123456789';
  const hanging = new Set<() => void>();
  const receiver: Omit<SmsReceiver, 'webhook' | 'close'> = {
    received: [],
    badSignatures: 0,
    mode: 'accept',
    lastCode(phone) {
      const message = receiver.received.findLast((m) => m.phone === phone);
      if (!message) throw new Error(`no code was sent to ${phone}`);
      return message.code;
    },
  };
  const server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      const expected = Buffer.from(webhookSignature(secret, body));
      const given = Buffer.from(request.headers[signatureHeader.toLowerCase()]?.toString() ?? '');
      if (request.headers['content-type'] !== 'application/json' || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        receiver.badSignatures++;
        response.writeHead(401).end();
        return;
      }
      if (receiver.mode === 'hang') {
        hanging.add(() => response.destroy());
        return;
      }
      receiver.received.push(JSON.parse(body) as CodeMessage);
      response.writeHead(receiver.mode === 'fail' ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    webhook: { url: `http://127.0.0.1:${port}/sms`, secret, timeoutMs },
    close: () =>
      new Promise<void>((resolve) => {
        for (const end of hanging) end();
        server.close(() => resolve());
      }),
  });
}
