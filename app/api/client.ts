/**
 * The typed API client. Every call names an endpoint from the contract, and every answer is parsed
 * with that endpoint's response schema before anyone sees it. Whatever goes wrong (network, status,
 * shape) leaves here as one ApiError with a status and a contract error code.
 */
import { errorBody, type ErrorCode } from '../../core/contract/common.ts';
import { type BodyOf, type EndpointName, endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { noteAnswer, noteNoAnswer } from './reachability.ts';
import { noteServerDate } from './server-clock.ts';

/** Codes the client adds for failures that never reached or never came back from the server. */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout' | 'bad_response';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  /** From `Retry-After`: how long the server asks to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: ClientErrorCode, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

type PathParams<P extends string> = P extends `${string}:${infer Param}/${infer Rest}`
  ? { [K in Param | keyof PathParams<`/${Rest}`>]: string }
  : P extends `${string}:${infer Param}`
    ? { [K in Param]: string }
    : { [K in never]: string };

type Params<N extends EndpointName> = PathParams<(typeof endpoints)[N]['path']>;

export type RequestOptions<N extends EndpointName> = {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Query string parameters, for the few GETs that take one (the revocation list's `since`). */
  query?: Record<string, string>;
  /** A token sent as `Authorization: Bearer`, for callers with no session: the 数字哨兵 kiosk's pairing. */
  bearer?: string;
} & (keyof Params<N> extends never ? { params?: undefined } : { params: Params<N> }) &
  (BodyOf<N> extends undefined ? { body?: undefined } : { body: BodyOf<N> });

const defaultTimeoutMs = 15_000;

export function apiPath(path: string, params: Record<string, string> = {}): string {
  return `/api${path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))}`;
}

/** The answer once its status is a success; every failure leaves as an ApiError. */
async function send<N extends EndpointName>(name: N, options: RequestOptions<N>, accept: string): Promise<Response> {
  const definition = endpoints[name];
  const timeout = AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let response: Response;
  const sentAt = Date.now();
  try {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    response = await fetch(apiPath(definition.path, options.params) + query, {
      method: definition.method,
      credentials: 'same-origin',
      headers: {
        Accept: accept,
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(options.bearer === undefined ? {} : { Authorization: `Bearer ${options.bearer}` }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    });
  } catch (error) {
    if (timeout.aborted) {
      noteNoAnswer();
      throw new ApiError(0, 'timeout', 'The server did not answer in time.');
    }
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    noteNoAnswer();
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }

  noteAnswer(response.status);
  noteServerDate(response.headers.get('Date'), sentAt, Date.now());
  if (!response.ok) {
    const parsed = errorBody.safeParse(await response.json().catch(() => undefined));
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    if (parsed.success) {
      throw new ApiError(response.status, parsed.data.error.code as ErrorCode, parsed.data.error.message, Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    throw new ApiError(response.status, response.status >= 500 ? 'internal' : 'bad_response', `HTTP ${response.status}`);
  }
  return response;
}

export async function request<N extends EndpointName>(name: N, options: RequestOptions<N>): Promise<ResponseOf<N>> {
  const response = await send(name, options, 'application/json');
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = endpoints[name].response.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', 'The server answered in an unexpected shape.');
  return parsed.data as ResponseOf<N>;
}

/** An endpoint that answers bytes (the compact revocation list): its body, whatever the bytes say. */
export async function requestBytes<N extends EndpointName>(name: N, options: RequestOptions<N>): Promise<Uint8Array<ArrayBuffer>> {
  const response = await send(name, options, 'application/octet-stream');
  const body = await response.arrayBuffer().catch(() => undefined);
  if (!body) throw new ApiError(0, 'network', 'The answer was cut off.');
  return new Uint8Array(body);
}
