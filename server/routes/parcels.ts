import { gzipSync } from 'node:zlib';
import { Hono, type TypedResponse } from 'hono';
import { formatParcelFilter, isEmptyFilter, matchesFilter } from '../domain/filters.ts';
import { encodeParcelGeometry } from '../domain/parcel-geometry-binary.ts';
import { type ParcelSummaryTable, toSummaryTable } from '../domain/parcel-summary-table.ts';
import { maskIdNumber, maskPhone } from '../domain/personal-data.ts';
import type { Bounds } from '../store/geopackage/geometry-blob.ts';
import type { ParcelRecord, ParcelStore } from '../store/parcel-store.ts';
import { errorBody, filterErrorBody } from './errors.ts';
import { filterFromUrl } from './filter-query.ts';

/** `bbox=west,south,east,north` in degrees; absent → undefined. */
function parseBounds(value: string | undefined): Bounds | undefined | 'invalid' {
  if (value === undefined || value === '') return undefined;
  const numbers = value.split(',').map(Number);
  if (numbers.length !== 4 || !numbers.every(Number.isFinite)) return 'invalid';
  const [west, south, east, north] = numbers as Bounds;
  return west <= east && south <= north ? [west, south, east, north] : 'invalid';
}

/** Strong validator for a response that is a pure function of (store revision, normalised query). */
function entityTag(store: ParcelStore, kind: string, query = ''): string {
  return `"${kind}-${store.revision()}-${Buffer.from(query).toString('base64url')}"`;
}

function notModified(ifNoneMatch: string | undefined, tag: string): boolean {
  return ifNoneMatch?.split(',').some((candidate) => candidate.trim() === tag) === true;
}

type SummariesBody = { asOf: string; revision: number } & ParcelSummaryTable;

/** A response body built once per store revision, kept raw and gzip-compressed (level 6). */
class RevisionCache {
  private cached:
    | { revision: number; raw: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> }
    | undefined;

  constructor(
    private readonly revision: () => number,
    private readonly build: () => Uint8Array<ArrayBuffer>,
  ) {}

  /** Response headers and body, gzip when the client accepts it. */
  respond(acceptEncoding: string | undefined, headers: Record<string, string>) {
    if (this.cached?.revision !== this.revision()) {
      const raw = this.build();
      this.cached = { revision: this.revision(), raw, gzip: new Uint8Array(gzipSync(raw, { level: 6 })) };
    }
    const gzip = /\bgzip\b/.test(acceptEncoding ?? '');
    return {
      bytes: gzip ? this.cached.gzip : this.cached.raw,
      headers: {
        ...headers,
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Encoding',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      },
    };
  }
}

export function parcelRoutes(store: ParcelStore) {
  // Geometry changes only with imports: a status change must not make every open map download it again.
  const geometry = new RevisionCache(
    () => store.geometryRevision(),
    () => {
      const [west, south, east, north] = store.park.bounds;
      return encodeParcelGeometry(
        store.records().map((record) => ({ id: record.summary.id, geometry: record.geometry })),
        [(west + east) / 2, (south + north) / 2],
      );
    },
  );
  // Every map loads the unfiltered summaries: build and compress them once per revision, not once per request.
  const allSummaries = new RevisionCache(
    () => store.revision(),
    () =>
      new TextEncoder().encode(
        JSON.stringify({
          asOf: store.asOf(),
          revision: store.revision(),
          ...toSummaryTable(store.parcels()),
        }),
      ),
  );

  return new Hono()
    .get('/', (c) => {
      const parsed = filterFromUrl(c.req.url, store);
      if (!parsed.ok) return c.json(filterErrorBody(parsed.errors), 400);
      const bounds = parseBounds(c.req.query('bbox'));
      if (bounds === 'invalid') {
        return c.json(
          errorBody({ zh: '查询参数无效', en: 'Invalid query parameters' }, [
            {
              field: 'bbox',
              value: c.req.query('bbox') ?? '',
              zh: 'bbox 须为“西,南,东,北”四个经纬度数值',
              en: 'bbox must be four numbers: west,south,east,north',
            },
          ]),
          400,
        );
      }
      const query = `${formatParcelFilter(parsed.filter).toString()}&bbox=${bounds?.join(',') ?? ''}`;
      const tag = entityTag(store, 'parcels', query);
      if (notModified(c.req.header('If-None-Match'), tag)) return c.body(null, 304, { ETag: tag });
      // A bounding box (as a GIS client sends for its view) is answered from the spatial index first.
      const candidates = bounds
        ? store.parcelIdsInBounds(bounds).map((id) => store.parcel(id) as ParcelRecord)
        : store.records();
      const features = candidates
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
      const { bytes, headers } = geometry.respond(c.req.header('Accept-Encoding'), {
        'Content-Type': 'application/octet-stream',
        ETag: tag,
      });
      return c.body(bytes, 200, headers);
    })
    .get('/summaries', (c) => {
      const parsed = filterFromUrl(c.req.url, store);
      if (!parsed.ok) return c.json(filterErrorBody(parsed.errors), 400);
      const tag = entityTag(store, 'summaries', formatParcelFilter(parsed.filter).toString());
      if (notModified(c.req.header('If-None-Match'), tag)) return c.body(null, 304, { ETag: tag });
      if (isEmptyFilter(parsed.filter)) {
        const { bytes, headers } = allSummaries.respond(c.req.header('Accept-Encoding'), {
          'Content-Type': 'application/json',
          ETag: tag,
        });
        // Pre-serialised JSON: typed as what it is, so `hc<AppType>` clients keep their types.
        return c.body(bytes, 200, headers) as unknown as TypedResponse<SummariesBody, 200, 'json'>;
      }
      c.header('ETag', tag);
      const parcels = store.parcels().filter((parcel) => matchesFilter(parcel, parsed.filter));
      const body: SummariesBody = {
        asOf: store.asOf(),
        revision: store.revision(),
        ...toSummaryTable(parcels),
      };
      return c.json(body);
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
