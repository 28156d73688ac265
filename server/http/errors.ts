import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../../core/contract/common.ts';

/** The one error type route handlers throw; `app.onError` turns it into `{error:{code,message}}`. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  /** Sent as `Retry-After` with a 429 or 503, for the client to say how long to wait. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
