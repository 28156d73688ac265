import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with headers fetch() will not send (Host, as a proxy or another name would reach the
 * server; Origin, as a browser on another site would).
 */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    call.on('error', reject);
    call.end(options.body);
  });
}

/** Where a demo sign-in sends its code and checks it, and the cookie it answers with: a citizen's or an operator's. */
const signIns = {
  citizen: { code: '/api/auth/otp', verify: '/api/auth/login', cookie: 'sw_session=' },
  operator: { code: '/api/operator/auth/code', verify: '/api/operator/auth/verify', cookie: 'sw_operator=' },
} as const;

/** A demo sign-in as a browser at `host` would make it: the Set-Cookie header of the session it answers with. */
export async function demoSignInSetCookie(url: string, phone: string, headers: Record<string, string> = {}, who: keyof typeof signIns = 'citizen'): Promise<string> {
  const steps = signIns[who];
  const json = { ...headers, 'content-type': 'application/json' };
  const sent = await rawRequest(`${url}${steps.code}`, { method: 'POST', headers: json, body: JSON.stringify({ phone }) });
  const { demoCode } = JSON.parse(sent.body) as { demoCode?: string };
  const verified = await rawRequest(`${url}${steps.verify}`, { method: 'POST', headers: json, body: JSON.stringify({ phone, code: demoCode }) });
  const cookies = [verified.headers['set-cookie'] ?? []].flat();
  const session = cookies.find((cookie) => cookie.startsWith(steps.cookie));
  if (verified.status !== 200 || !session) throw new Error(`${who} sign-in at ${headers.host ?? url} failed: ${verified.status} ${verified.body}`);
  return session;
}

export const demoLoginSetCookie = (url: string, phone: string, headers: Record<string, string> = {}) => demoSignInSetCookie(url, phone, headers, 'citizen');
