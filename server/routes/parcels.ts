import { gzipSync } from 'node:zlib';
import { Hono, type TypedResponse } from 'hono';
import { chinaDayEnd, chinaIsoString, isCalendarDate } from '../domain/china-time.ts';
import { formatParcelFilter, isEmptyFilter, matchesFilter } from '../domain/filters.ts';
import { packSummariesBody } from '../domain/packed-summary-table.ts';
import { encodePackedSummaries, PACKED_SUMMARIES_MEDIA_TYPE } from '../domain/packed-summary-wire.ts';
import type { ParcelSummary } from '../domain/parcel.ts';
import { encodeParcelGeometry } from '../domain/parcel-geometry-binary.ts';
import { type ParcelSummaryTable, toSummaryTable } from '../domain/parcel-summary-table.ts';
import { maskIdNumber, maskPhone } from '../domain/personal-data.ts';
import { STATUS_AS_OF_HEADERS } from '../domain/reports/report-types.ts';
import { statusesBefore } from '../domain/reports/status-timeline.ts';
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

/**
 * `asOf` of `/status`: empty = now; `YYYY-MM-DD` = the end of that CST day (events before it count); an instant with
 * its offset = that instant (events at or before it count). A bare local time is refused: it would depend on the
 * server's time zone.
 */
function parseStatusMoment(value: string): { endExclusive: number; label: string } | null {
  if (value === '') {
    const now = Date.now();
    return { endExclusive: now + 1, label: chinaIsoString(now) };
  }
  if (isCalendarDate(value)) {
    const end = chinaDayEnd(value);
    return { endExclusive: end, label: chinaIsoString(end) };
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? { endExclusive: time + 1, label: new Date(time).toISOString() } : null;
}

/** Strong validator for a response that is a pure function of (store revision, normalised query). */
function entityTag(store: ParcelStore, kind: string, query = ''): string {
  return `"${kind}-${store.revision()}-${Buffer.from(query).toString('base64url')}"`;
}

function notModified(ifNoneMatch: string | undefined, tag: string): boolean {
  return ifNoneMatch?.split(',').some((candidate) => candidate.trim() === tag) === true;
}

type SummariesBody = { asOf: string; revision: number; geometryRevision: number } & ParcelSummaryTable;

/** A response body built once per store revision, kept raw and gzip-compressed (level 6). */
class RevisionCache {
  private cached:
    | { revision: number; raw: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> }
    | undefined;

  constructor(
    private readonly revision: () => number,
    private readonly build: () => Uint8Array<ArrayBuffer>,
    /** The request headers the body depends on, besides Accept-Encoding. */
    private readonly varyAlso: string | null = null,
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
        Vary: this.varyAlso ? `${this.varyAlso}, Accept-Encoding` : 'Accept-Encoding',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      },
    };
  }
}

/** Whether a summaries request asks for the packed table (the map's download worker) rather than JSON. */
function wantsPackedSummaries(accept: string | undefined): boolean {
  return accept?.includes(PACKED_SUMMARIES_MEDIA_TYPE) === true;
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
  const summariesBody = (parcels: readonly ParcelSummary[]): SummariesBody => ({
    asOf: store.asOf(),
    revision: store.revision(),
    // A different geometry revision (a survey import) means the parcels themselves changed: reload the map.
    geometryRevision: store.geometryRevision(),
    ...toSummaryTable(parcels),
  });
  const packedSummaries = (parcels: readonly ParcelSummary[]) =>
    encodePackedSummaries(packSummariesBody(summariesBody(parcels)).body);
  // Every map loads the unfiltered summaries: build and compress them once per revision, not once per request.
  const allSummaries = new RevisionCache(
    () => store.revision(),
    () => new TextEncoder().encode(JSON.stringify(summariesBody(store.parcels()))),
    'Accept',
  );
  const allPackedSummaries = new RevisionCache(
    () => store.revision(),
    () => packedSummaries(store.parcels()),
    'Accept',
  );

  return (
    new Hono()
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
      // Every parcel's statuses at a past moment, 2 bytes each in geometry order: the time slider re-colours the map
      // without downloading geometry again. A date means the end of that day in China (exclusive), as the daily report.
      .get('/status', (c) => {
        const requested = c.req.query('asOf') ?? '';
        const moment = parseStatusMoment(requested);
        if (moment === null) {
          return c.json(
            errorBody({ zh: '查询参数无效', en: 'Invalid query parameters' }, [
              {
                field: 'asOf',
                value: requested,
                zh: 'asOf 须为 YYYY-MM-DD 日期或带时区的 ISO 8601 时刻（如 2026-11-25T18:00:00+08:00）',
                en: 'asOf must be a YYYY-MM-DD date or an ISO 8601 instant with its offset (e.g. 2026-11-25T18:00:00+08:00)',
              },
            ]),
            400,
          );
        }
        const parcels = store.parcels();
        const statuses = statusesBefore(store.statusTimeline(), store.parcelColumns(), moment.endExclusive);
        const raw = new Uint8Array(parcels.length * 2);
        for (let index = 0; index < parcels.length; index++) {
          raw[2 * index] = statuses.signing[index] as number;
          raw[2 * index + 1] = statuses.clearance[index] as number;
        }
        // The app's compression skips octet-stream; these bytes are very repetitive, so gzip them here.
        const gzip = raw.length > 4096 && /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
        return c.body(gzip ? new Uint8Array(gzipSync(raw, { level: 6 })) : raw, 200, {
          'Content-Type': 'application/octet-stream',
          'Cache-Control': 'no-cache',
          Vary: 'Accept-Encoding',
          [STATUS_AS_OF_HEADERS.asOf]: moment.label,
          [STATUS_AS_OF_HEADERS.parcelCount]: String(parcels.length),
          [STATUS_AS_OF_HEADERS.geometryRevision]: String(store.geometryRevision()),
          ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
        });
      })
      .get('/summaries', (c) => {
        const parsed = filterFromUrl(c.req.url, store);
        if (!parsed.ok) return c.json(filterErrorBody(parsed.errors), 400);
        const packed = wantsPackedSummaries(c.req.header('Accept'));
        const filterKey = formatParcelFilter(parsed.filter).toString();
        const jsonTag = entityTag(store, 'summaries', filterKey);
        const packedTag = entityTag(store, 'summaries-packed', filterKey);
        const tag = packed ? packedTag : jsonTag;
        // The two forms hold the same summaries: the dashboard loads them packed and refreshes them as JSON with
        // the tag it holds, and nothing new must still be a bodiless 304.
        const ifNoneMatch = c.req.header('If-None-Match');
        if (notModified(ifNoneMatch, jsonTag) || notModified(ifNoneMatch, packedTag)) {
          return c.body(null, 304, { ETag: tag, Vary: 'Accept, Accept-Encoding' });
        }
        if (isEmptyFilter(parsed.filter)) {
          const { bytes, headers } = (packed ? allPackedSummaries : allSummaries).respond(
            c.req.header('Accept-Encoding'),
            { 'Content-Type': packed ? PACKED_SUMMARIES_MEDIA_TYPE : 'application/json', ETag: tag },
          );
          // Pre-serialised JSON: typed as what it is, so `hc<AppType>` clients keep their types.
          return c.body(bytes, 200, headers) as unknown as TypedResponse<SummariesBody, 200, 'json'>;
        }
        c.header('ETag', tag);
        c.header('Vary', 'Accept, Accept-Encoding');
        const parcels = store.parcels().filter((parcel) => matchesFilter(parcel, parsed.filter));
        if (packed) {
          c.header('Content-Type', PACKED_SUMMARIES_MEDIA_TYPE);
          return c.body(packedSummaries(parcels)) as unknown as TypedResponse<SummariesBody, 200, 'json'>;
        }
        return c.json(summariesBody(parcels));
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
      })
  );
}
