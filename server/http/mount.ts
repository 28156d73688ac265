import { Hono, type Env, type MiddlewareHandler, type Schema } from 'hono';
import type { HonoBase } from 'hono/hono-base';

/**
 * A sub-app behind one guard. Mounted at a prefix (`api.route('/venues', behind(session, venues))`), the guard
 * runs for every request under that prefix and for no other, so two guards never meet on one request.
 */
export function behind<E extends Env, S extends Schema, B extends string, C extends string>(guard: MiddlewareHandler<E>, routes: HonoBase<E, S, B, C>): Hono<E> {
  const app = new Hono<E>();
  app.use(guard);
  app.route('/', routes);
  return app;
}

/** `/venues/:number` under `/venues` is `/:number`; `/venues` itself is `/`. Kept literal so Hono types the params. */
export type Under<P extends string, T extends string> = T extends P ? '/' : T extends `${P}/${infer Rest}` ? `/${Rest}` : never;

/**
 * The contract names whole paths; a sub-app mounted at a prefix answers the rest. A path outside the prefix is
 * a wiring mistake, refused when the app is built rather than left unanswered.
 */
export function under<const P extends string>(prefix: P): <const T extends string>(path: T) => Under<P, T> {
  return <const T extends string>(path: T) => {
    if ((path as string) === prefix) return '/' as Under<P, T>;
    if (!path.startsWith(`${prefix}/`)) throw new Error(`route ${path} is not under ${prefix}`);
    return path.slice(prefix.length) as Under<P, T>;
  };
}
