/**
 * The HTTP API: one Hono sub-app per resource, mounted under /api. Routes take a `ParcelStore` and never see SQL.
 * Everything but signing in and `/api/meta` needs a session; writes also need the session's CSRF token.
 * `AppType` types the web client (`hc<AppType>`).
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { LoginThrottle } from './auth/login-throttle.ts';
import { type AppEnvironment, readSession, requireSession } from './auth/session.ts';
import { changeRoutes } from './routes/changes.ts';
import { compensationRoutes } from './routes/compensation.ts';
import { exportRoutes } from './routes/export.ts';
import { importRoutes } from './routes/imports.ts';
import { metaRoutes } from './routes/meta.ts';
import { parcelRoutes } from './routes/parcels.ts';
import { planRoutes } from './routes/plans.ts';
import { problemRoutes } from './routes/problems.ts';
import { publicityRoutes } from './routes/publicity.ts';
import { reportRoutes } from './routes/reports.ts';
import { sessionRoutes } from './routes/session.ts';
import { statisticsRoutes } from './routes/statistics.ts';
import { villageRoutes } from './routes/villages.ts';
import type { ParcelStore } from './store/parcel-store.ts';

export interface AppOptions {
  /** Injected in tests to control the clock of login rate limiting. */
  loginThrottle?: LoginThrottle;
  /** Largest survey upload accepted (IMPORT_MAX_BYTES; default 1 GiB). */
  importLimitBytes?: number;
}

export function createApp(store: ParcelStore, options: AppOptions = {}) {
  const signedIn = requireSession();
  const compressLarge = compress({ threshold: 4096 });
  return (
    new Hono<AppEnvironment>()
      // Reads only. `c.json` sets no Content-Length, so the threshold cannot tell a small answer from a large one:
      // every JSON answer would go through a gzip stream, which costs more CPU than a status change itself (issue
      // #3 profile). Writes answer with the changed records, small; Server-Sent Events must not be buffered.
      .use('/api/*', (c, next) =>
        c.req.method === 'GET' && c.req.path !== '/api/events/stream' ? compressLarge(c, next) : next(),
      )
      .use('/api/*', readSession(store))
      .route('/api/session', sessionRoutes(store, options.loginThrottle))
      .route('/api/meta', metaRoutes(store))
      // The 公示 board is public: mounted before the sign-in guard, and serves only its allow-list.
      .route('/api/public/publicity', publicityRoutes(store))
      .use('/api/*', signedIn)
      .route('/api/villages', villageRoutes(store))
      .route('/api', changeRoutes(store))
      .route('/api', problemRoutes(store))
      .route('/api/parcels', parcelRoutes(store))
      .route('/api/stats', statisticsRoutes(store))
      .route('/api/export', exportRoutes(store))
      .route('/api/compensation', compensationRoutes(store))
      .route('/api/reports', reportRoutes(store))
      .route('/api/plans', planRoutes(store))
      .route('/api/imports', importRoutes(store, options.importLimitBytes))
  );
}

export type AppType = ReturnType<typeof createApp>;
