import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiPath, request } from './client.ts';
import { isServerReachable, subscribeReachability } from './reachability.ts';
import type { PcrTest } from '../../core/contract/records.ts';

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** The (url, init) of the only fetch call. */
function onlyCall(): [string, RequestInit] {
  expect(fetchMock).toHaveBeenCalledTimes(1);
  const call = fetchMock.mock.calls[0];
  if (!call) throw new Error('fetch was not called');
  const [input, init] = call;
  if (typeof input !== 'string') throw new Error('fetch was called with a non-string URL');
  return [input, init ?? {}];
}

/** The ApiError a promise rejects with; fails the test if it resolves or rejects with something else. */
async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ApiError);
  if (!(outcome instanceof ApiError)) throw new Error('expected an ApiError');
  return outcome;
}

const pcrTest: PcrTest = {
  id: 'pcr-1',
  sampledAt: '2022-04-02T08:00:00+08:00',
  reportedAt: '2022-04-02T20:00:00.000Z',
  result: 'negative',
  institution: '上海市第一人民医院',
};

describe('apiPath', () => {
  it('prefixes /api and URL-encodes path params', () => {
    expect(apiPath('/citizens/:citizenId/pcr-tests', { citizenId: 'a/b' })).toBe('/api/citizens/a%2Fb/pcr-tests');
    expect(apiPath('/citizens/:citizenId/pcr-tests', { citizenId: 'x y?z#1' })).toBe('/api/citizens/x%20y%3Fz%231/pcr-tests');
    expect(apiPath('/me')).toBe('/api/me');
  });
});

describe('request', () => {
  it('GETs the endpoint and returns the body parsed with the contract schema', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ pcrTests: [{ ...pcrTest, extra: 'dropped by the schema' }] }));
    const result = await request('pcrTests', { params: { citizenId: 'citizen-1' } });
    expect(result).toEqual({ pcrTests: [pcrTest] });
    const [url, init] = onlyCall();
    expect(url).toBe('/api/citizens/citizen-1/pcr-tests');
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
    expect(new Headers(init.headers).get('Content-Type')).toBeNull();
    expect(new Headers(init.headers).get('Accept')).toBe('application/json');
  });

  it('URL-encodes path params in the URL it fetches', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ pcrTests: [] }));
    await request('pcrTests', { params: { citizenId: 'a/b' } });
    const [url] = onlyCall();
    expect(url).toBe('/api/citizens/a%2Fb/pcr-tests');
  });

  it('adds query parameters, encoded, after the path', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ list: 'v1.k.p.s' }));
    await request('revocations', { query: { since: '1700000000000' } });
    expect(onlyCall()[0]).toBe('/api/revocations?since=1700000000000');
  });

  it('POSTs a JSON body with Content-Type application/json', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ sent: true, expiresInSeconds: 300, demoCode: '123456' }));
    const result = await request('requestOtp', { body: { phone: '13800138000' } });
    expect(result).toEqual({ sent: true, expiresInSeconds: 300, demoCode: '123456' });
    const [url, init] = onlyCall();
    expect(url).toBe('/api/auth/otp');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
    expect(typeof init.body).toBe('string');
    expect(JSON.parse(init.body as string)).toEqual({ phone: '13800138000' });
  });

  it('turns a 401 JSON error body into ApiError(401, unauthenticated)', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ error: { code: 'unauthenticated', message: 'Please sign in.' } }, 401));
    const error = await apiErrorOf(request('me', {}));
    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toBe('Please sign in.');
    expect(error.name).toBe('ApiError');
  });

  it('turns a 500 HTML body into ApiError(500, internal)', async () => {
    fetchMock.mockResolvedValue(
      new Response('<html><body>502 Bad Gateway</body></html>', { status: 500, headers: { 'Content-Type': 'text/html' } }),
    );
    const error = await apiErrorOf(request('me', {}));
    expect(error.status).toBe(500);
    expect(error.code).toBe('internal');
  });

  it('turns a 4xx without a JSON error body into bad_response', async () => {
    fetchMock.mockResolvedValue(new Response('Not here', { status: 404, headers: { 'Content-Type': 'text/plain' } }));
    const error = await apiErrorOf(request('me', {}));
    expect(error.status).toBe(404);
    expect(error.code).toBe('bad_response');
  });

  it('turns a 200 with the wrong shape into bad_response', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ pcrTests: [{ ...pcrTest, result: 'maybe' }] }));
    const error = await apiErrorOf(request('pcrTests', { params: { citizenId: 'citizen-1' } }));
    expect(error.status).toBe(200);
    expect(error.code).toBe('bad_response');
  });

  it('turns a 200 that is not JSON into bad_response', async () => {
    fetchMock.mockResolvedValue(new Response('<html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const error = await apiErrorOf(request('me', {}));
    expect(error.code).toBe('bad_response');
  });

  it('turns a rejected fetch (TypeError) into ApiError(0, network)', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await apiErrorOf(request('me', {}));
    expect(error.status).toBe(0);
    expect(error.code).toBe('network');
  });

  it('turns a server that never answers into ApiError(0, timeout)', async () => {
    fetchMock.mockImplementation(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            reject(new DOMException('aborted', 'AbortError'));
          });
        }),
    );
    const error = await apiErrorOf(request('me', { timeoutMs: 5 }));
    expect(error.code).toBe('timeout');
  });

  it('rethrows the caller’s own abort rather than wrapping it', async () => {
    fetchMock.mockImplementation(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const pending = request('me', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toSatisfy((error: unknown) => error instanceof DOMException && error.name === 'AbortError');
  });
});

describe('reachability', () => {
  const errorBody = { error: { code: 'unauthenticated', message: 'Sign in first.' } };

  it('counts a request with no answer as unreachable, and any answer of ours, even a refusal, as reached again', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(errorBody, 401));
    await apiErrorOf(request('me', {}));
    const changes: boolean[] = [];
    const unsubscribe = subscribeReachability(() => changes.push(isServerReachable()));
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await apiErrorOf(request('me', {}));
    expect(isServerReachable()).toBe(false);
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await apiErrorOf(request('me', {}));
    fetchMock.mockResolvedValueOnce(jsonResponse(errorBody, 401));
    await apiErrorOf(request('me', {}));
    expect(isServerReachable()).toBe(true);
    expect(changes).toEqual([false, true]);
    unsubscribe();
  });

  it('counts a gateway answering for a server that is not there (502, 504) as unreachable', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad Gateway</html>', { status: 502 }));
    await apiErrorOf(request('me', {}));
    expect(isServerReachable()).toBe(false);
    fetchMock.mockResolvedValueOnce(new Response('<html>Server Error</html>', { status: 500 }));
    await apiErrorOf(request('me', {}));
    expect(isServerReachable()).toBe(true);
  });

  it('does not count the caller’s own abort either way', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await apiErrorOf(request('me', {}));
    fetchMock.mockRejectedValueOnce(new DOMException('Aborted', 'AbortError'));
    await expect(request('me', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(DOMException);
    expect(isServerReachable()).toBe(false);
    fetchMock.mockResolvedValueOnce(jsonResponse(errorBody, 401));
    await apiErrorOf(request('me', {}));
  });
});
