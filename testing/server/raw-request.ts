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

/** A demo login as a browser at `host` would make it: the Set-Cookie header of the session it answers with. */
export async function demoLoginSetCookie(url: string, phone: string, headers: Record<string, string> = {}): Promise<string> {
  const json = { ...headers, 'content-type': 'application/json' };
  const otp = await rawRequest(`${url}/api/auth/otp`, { method: 'POST', headers: json, body: JSON.stringify({ phone }) });
  const { demoCode } = JSON.parse(otp.body) as { demoCode?: string };
  const login = await rawRequest(`${url}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ phone, code: demoCode }) });
  const cookies = [login.headers['set-cookie'] ?? []].flat();
  const session = cookies.find((cookie) => cookie.startsWith('sw_session='));
  if (login.status !== 200 || !session) throw new Error(`login at ${headers.host ?? url} failed: ${login.status} ${login.body}`);
  return session;
}
