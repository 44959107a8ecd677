import { Hono } from 'hono';
import { describeMeasures, GROUP_BY } from '../domain/statistics.ts';
import { AXES, CLEARANCE_STATUSES, LAND_CLASSES, SIGNING_STATUSES, STRUCTURES } from '../domain/statuses.ts';
import type { ParcelStore } from '../store/parcel-store.ts';

/** `GET /api/meta`: everything the web needs to draw a legend, a filter or a table header, from the one table. */
export function metaRoutes(store: ParcelStore) {
  return new Hono().get('/', (c) => {
    const { park } = store;
    const [west, south, east, north] = park.bounds;
    return c.json({
      park: {
        name: park.name,
        nameEn: park.nameEn,
        town: park.town,
        announcementDate: park.announcementDate,
        boundary: park.boundary,
        bbox: park.bounds,
        center: [(west + east) / 2, (south + north) / 2] as [number, number],
      },
      zone: park.zone,
      axes: AXES,
      statuses: { signing: SIGNING_STATUSES, clearance: CLEARANCE_STATUSES },
      landClasses: LAND_CLASSES,
      structures: STRUCTURES,
      groupBy: GROUP_BY,
      measures: describeMeasures(park.zone),
      parcelCount: store.parcels().length,
      asOf: store.asOf(),
      revision: store.revision(),
    });
  });
}
