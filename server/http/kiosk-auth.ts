import type { MiddlewareHandler } from 'hono';
import type { KioskService } from '../services/kiosks.ts';
import type { KioskWithVenue } from '../storage/kiosks.ts';
import { HttpError } from './errors.ts';

export interface KioskVariables {
  kiosk: KioskWithVenue;
}

/** Lets a request through only with a live kiosk's pairing token (`Authorization: Bearer <token>`), and says which kiosk. */
export function requireKiosk(kiosks: KioskService): MiddlewareHandler<{ Variables: KioskVariables }> {
  return async (c, next) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    try {
      c.set('kiosk', await kiosks.authenticate(token));
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) c.header('WWW-Authenticate', 'Bearer');
      throw error;
    }
    await next();
  };
}
