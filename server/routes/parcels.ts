import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { formatParcelFilter, matchesFilter } from '../domain/filters.ts';
import { encodeParcelGeometry } from '../domain/parcel-geometry-binary.ts';
import { toSummaryTable } from '../domain/parcel-summary-table.ts';
import { maskIdNumber, maskPhone } from '../domain/personal-data.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { errorBody, filterErrorBody } from './errors.ts';
import { filterFromUrl } from './filter-query.ts';

/** Strong validator for a response that is a pure function of (store revision, normalised query). */
function entityTag(store: ParcelStore, kind: string, query = ''): string {
  return `"${kind}-${store.revision()}-${Buffer.from(query).toString('base64url')}"`;
}

function notModified(ifNoneMatch: string | undefined, tag: string): boolean {
  return ifNoneMatch?.split(',').some((candidate) => candidate.trim() === tag) === true;
}

interface GeometryCache {
  revision: number;
  raw: Uint8Array;
  gzip: Uint8Array;
}

export function parcelRoutes(store: ParcelStore) {
  let geometryCache: GeometryCache | undefined;
  function geometry(): GeometryCache {
    if (geometryCache?.revision !== store.geometryRevision()) {
      const [west, south, east, north] = store.park.bounds;
      const raw = encodeParcelGeometry(
        store.records().map((record) => ({ id: record.summary.id, geometry: record.geometry })),
        [(west + east) / 2, (south + north) / 2],
      );
      geometryCache = { revision: store.geometryRevision(), raw, gzip: gzipSync(raw, { level: 6 }) };
    }
    return geometryCache;
  }

  return new Hono()
    .get('/', (c) => {
      const parsed = filterFromUrl(c.req.url, store);
      if (!parsed.ok) return c.json(filterErrorBody(parsed.errors), 400);
      const tag = entityTag(store, 'parcels', formatParcelFilter(parsed.filter).toString());
      if (notModified(c.req.header('If-None-Match'), tag)) return c.body(null, 304, { ETag: tag });
      const features = store
        .records()
        .filter((record) => matchesFilter(record.summary, parsed.filter))
        .map((record) => ({
          type: 'Feature' as const,
          id: record.summary.id,
          geometry: record.geometry,
          properties: record.summary,
        }));
      c.header('ETag', tag);
      return c.json({ type: 'FeatureCollection' as const, asOf: store.asOf(), features });
    })
    .get('/geometry', (c) => {
      const tag = `"geometry-${store.geometryRevision()}"`;
      if (notModified(c.req.header('If-None-Match'), tag)) return c.body(null, 304, { ETag: tag });
      const cache = geometry();
      const acceptsGzip = /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
      const headers: Record<string, string> = {
        'Content-Type': 'application/octet-stream',
        ETag: tag,
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Encoding',
      };
      if (acceptsGzip) headers['Content-Encoding'] = 'gzip';
      return c.body((acceptsGzip ? cache.gzip : cache.raw) as Uint8Array<ArrayBuffer>, 200, headers);
    })
    .get('/summaries', (c) => {
      const parsed = filterFromUrl(c.req.url, store);
      if (!parsed.ok) return c.json(filterErrorBody(parsed.errors), 400);
      const tag = entityTag(store, 'summaries', formatParcelFilter(parsed.filter).toString());
      if (notModified(c.req.header('If-None-Match'), tag)) return c.body(null, 304, { ETag: tag });
      c.header('ETag', tag);
      const parcels = store.parcels().filter((parcel) => matchesFilter(parcel, parsed.filter));
      return c.json({ asOf: store.asOf(), revision: store.revision(), ...toSummaryTable(parcels) });
    })
    .get('/:id', (c) => {
      const id = Number(c.req.param('id'));
      const record = Number.isInteger(id) ? store.parcel(id) : undefined;
      if (!record) {
        return c.json(
          errorBody(
            { zh: `没有编号为 ${c.req.param('id')} 的地块`, en: `No parcel with id ${c.req.param('id')}` },
            [{ field: 'id', value: c.req.param('id'), zh: '地块不存在', en: 'parcel not found' }],
          ),
          404,
        );
      }
      const village = store.villages().find((candidate) => candidate.code === record.summary.village);
      return c.json({
        parcel: {
          ...record.summary,
          idNumber: maskIdNumber(record.idNumber),
          phone: maskPhone(record.phone),
        },
        geometry: record.geometry,
        village: village
          ? {
              code: village.code,
              name: village.name,
              nameEn: village.nameEn,
              town: village.town,
              leader: village.leader,
            }
          : null,
        zone: store.park.zone,
        asOf: store.asOf(),
      });
    });
}
