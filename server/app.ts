import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { errorBody, HttpError } from './http/errors.ts';
import { securityHeaders } from './http/security-headers.ts';
import { serveClient } from './http/static-files.ts';
import { requireKiosk } from './http/kiosk-auth.ts';
import { behind } from './http/mount.ts';
import { requireProvider } from './http/provider-auth.ts';
import { requireSession } from './http/session.ts';
import { authRoutes } from './routes/auth.ts';
import { credentialRoutes, paperCodeRoutes } from './routes/credentials.ts';
import { familyRoutes } from './routes/family.ts';
import { feedRoutes } from './routes/feeds.ts';
import { kioskRoutes } from './routes/kiosks.ts';
import { accountRoutes, meRoutes } from './routes/my-data.ts';
import { operatorRoutes } from './routes/operator.ts';
import { publicRoutes } from './routes/public.ts';
import { recordRoutes } from './routes/records.ts';
import { reviewRoutes } from './routes/review.ts';
import { syncRoutes } from './routes/sync.ts';
import { checkInRoutes, venueRoutes } from './routes/venues.ts';
import type { Services } from './compose.ts';

/** The whole HTTP surface on one origin: the JSON API under /api and the built client everywhere else. */
export function createApp(services: Services) {
  const app = new Hono();
  app.use(securityHeaders);
  // API JSON is gzipped as it is sent; static files come precompressed and are left alone.
  app.use(compress());

  // Each sub-app at its own prefix, with the one guard that prefix needs: a citizen's session, a kiosk's
  // pairing token or a provider's key. No request passes two guards.
  const session = requireSession(services.auth);
  const kiosk = requireKiosk(services.kiosks);
  const provider = requireProvider(services.providers);
  const api = new Hono()
    .route('/', publicRoutes(services))
    .route('/auth', authRoutes(services))
    .route('/me', behind(session, meRoutes(services)))
    .route('/account', behind(session, accountRoutes(services)))
    .route('/citizens', behind(session, recordRoutes(services)))
    .route('/credential', behind(session, credentialRoutes(services)))
    .route('/paper-code', behind(session, paperCodeRoutes(services)))
    .route('/family', behind(session, familyRoutes(services)))
    .route('/sync', behind(session, syncRoutes(services)))
    .route('/venues', behind(session, venueRoutes(services)))
    .route('/check-ins', behind(session, checkInRoutes(services)))
    .route('/kiosk', behind(kiosk, kioskRoutes(services)))
    .route('/feeds', behind(provider, feedRoutes(services)))
    .route('/review', behind(provider, reviewRoutes(services)))
    .route('/operator', operatorRoutes(services));
  api.notFound((c) => c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}.`), 404));
  app.route('/api', api);
  app.all('/api/*', (c) => c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}.`), 404));

  if (services.config.distDir) {
    const client = serveClient(services.config.distDir);
    app.get('*', client);
    app.on('HEAD', '*', client);
  }

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
      return c.json(errorBody(error.code, error.message), error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('bad_request', error.message || 'Bad request.'), error.status);
    }
    console.error(error);
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });
  return app;
}
