import { expect } from 'vitest';
import { errorBody, type ErrorCode } from '../../core/contract/common.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { keyLookupFromSet } from '../../core/crypto/keys.ts';
import type { KeyLookup } from '../../core/crypto/signed-token.ts';
import { postJson } from './demo-login.ts';

export { loginCookie, postJson } from './demo-login.ts';

/** Small HTTP helpers for server tests: they talk to the real server exactly as the app does. */

/** Asserts an API refusal: its status, a JSON body with the error code and a message; gives back the raw body. */
export async function expectApiError(response: Response, status: number, code: ErrorCode): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const text = await response.text();
  const body = errorBody.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return text;
}

/** The server's published signing keys, as a verifier would fetch them. */
export async function signingKeyLookup(baseUrl: string): Promise<KeyLookup> {
  const keys = endpoints.signingKeys.response.parse(await (await fetch(`${baseUrl}/api/keys`)).json()).keys;
  return keyLookupFromSet(keys);
}

/** Links a dependant through the real verification step: request the code, then send it back. */
export async function linkDependant(
  baseUrl: string,
  cookie: string,
  name: string,
  idNumber: string,
): Promise<ResponseOf<'linkDependant'>> {
  const code = endpoints.requestFamilyCode.response.parse(
    await (await postJson(baseUrl, '/family/code', { name, idNumber }, cookie)).json(),
  );
  const response = await postJson(baseUrl, '/family/links', { name, idNumber, code: code.demoCode }, cookie);
  if (response.status !== 200) throw new Error(`linking failed: ${response.status} ${await response.text()}`);
  return endpoints.linkDependant.response.parse(await response.json());
}

/** The seeded elderly dependant of demo citizen (a), as her guardian would type her in. */
export const demoDependant = { id: 'demo-f', name: '张阿婆', idNumber: '310101194206064564' } as const;
