/**
 * The HTTP API: one Hono sub-app per resource, mounted under /api. Routes take a `ParcelStore` and never see SQL.
 * `AppType` types the web client (`hc<AppType>`).
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { exportRoutes } from './routes/export.ts';
import { metaRoutes } from './routes/meta.ts';
import { parcelRoutes } from './routes/parcels.ts';
import { statisticsRoutes } from './routes/statistics.ts';
import { villageRoutes } from './routes/villages.ts';
import type { ParcelStore } from './store/parcel-store.ts';

export function createApp(store: ParcelStore) {
  return new Hono()
    .use('/api/*', compress())
    .route('/api/meta', metaRoutes(store))
    .route('/api/villages', villageRoutes(store))
    .route('/api/parcels', parcelRoutes(store))
    .route('/api/stats', statisticsRoutes(store))
    .route('/api/export', exportRoutes(store));
}

export type AppType = ReturnType<typeof createApp>;
