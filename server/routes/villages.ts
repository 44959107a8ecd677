import { Hono } from 'hono';
import type { ParcelStore } from '../store/parcel-store.ts';

/** `GET /api/villages`: village boundaries as a GeoJSON FeatureCollection. */
export function villageRoutes(store: ParcelStore) {
  return new Hono().get('/', (c) => {
    const features = store.villages().map(({ geometry, ...village }) => ({
      type: 'Feature' as const,
      id: village.code,
      geometry,
      properties: village,
    }));
    return c.json({ type: 'FeatureCollection' as const, features });
  });
}
