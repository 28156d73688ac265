import type { MiddlewareHandler } from 'hono';
import type { Provider, ProviderService } from '../services/providers.ts';
import { HttpError } from './errors.ts';

export interface ProviderVariables {
  provider: Provider;
}

/** Lets a request through only with a live provider's key (`Authorization: Bearer <key>`), and says whose. */
export function requireProvider(providers: ProviderService): MiddlewareHandler<{ Variables: ProviderVariables }> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const provider = match?.[1] ? await providers.authenticate(match[1]) : undefined;
    if (!provider) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new HttpError(401, 'unauthenticated', match ? 'This API key is unknown or revoked.' : 'Send the provider API key as Authorization: Bearer <key>.');
    }
    c.set('provider', provider);
    await next();
  };
}
