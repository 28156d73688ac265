/** The service's own state, for a load balancer: whether the process answers, and whether it can serve. */
import * as z from 'zod/mini';
import { endpoint } from './common.ts';

export const serviceEndpoints = {
  /** The process answers; never cached. */
  health: endpoint({ method: 'GET', path: '/health', body: undefined, response: z.object({ status: z.literal('up') }) }),
  /** The database answers and its schema is current (503 with `not-ready` otherwise); never cached. */
  ready: endpoint({ method: 'GET', path: '/ready', body: undefined, response: z.object({ status: z.enum(['ready', 'not-ready']) }) }),
} as const;
