/**
 * The only place the web talks HTTP: `hc<AppType>` from `hono/client`, typed by the server's own routes
 * (`server/app.ts`), so a changed route shape breaks the web's typecheck rather than the wall screen.
 * Filters travel in the query string written by `formatParcelFilter`, the function the server parses with; the
 * filtered routes parse `c.req.url` themselves (no Hono validator), so their URLs are built from `$url()`.
 */
import { type ClientResponse, hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../server/app.ts';
import { formatParcelFilter, type ParcelFilter } from '../../../server/domain/filters.ts';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import {
  decodeParcelGeometry,
  type ParcelGeometryBuffers,
} from '../../../server/domain/parcel-geometry-binary.ts';
import { fromSummaryTable, type ParcelSummaryTable } from '../../../server/domain/parcel-summary-table.ts';
import type { GroupBy, StatisticsTable } from '../../../server/domain/statistics.ts';
import type { ApiErrorBody, ParcelExportFormat, StatisticsExportFormat } from './types.ts';

// The same origin serves the app and the API (Vite proxies /api in development).
const client = hc<AppType>(globalThis.location?.origin ?? 'http://localhost');

export type ParkMeta = InferResponseType<typeof client.api.meta.$get, 200>;
export type VillageCollection = InferResponseType<typeof client.api.villages.$get, 200>;
export type VillageProperties = VillageCollection['features'][number]['properties'];
export type ParcelDetail = InferResponseType<(typeof client.api.parcels)[':id']['$get'], 200>;
export type SessionInfo = InferResponseType<typeof client.api.session.$get, 200>;
export type SessionUser = SessionInfo['user'];

/** Header every state-changing request echoes (server/auth/session.ts). */
const CSRF_HEADER = 'X-CSRF-Token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.error ?? `HTTP ${status} ${path}`);
    this.name = 'ApiError';
  }
}

/**
 * The server's error in one language: bodies carry `"<中文> / <English>"` (server/routes/errors.ts) and, per
 * field, `zh`/`en`. Anything else (a network failure) is shown as it is.
 */
export function errorText(error: Error, language: 'zh' | 'en'): string {
  if (!(error instanceof ApiError) || !error.body) return error.message;
  const parts = error.body.error.split(' / ');
  const message = parts.length === 2 ? (language === 'zh' ? parts[0] : parts[1]) : error.body.error;
  const details = (error.body.details ?? [])
    .map((detail) => detail[language])
    .filter((text): text is string => Boolean(text));
  return [message, ...details].join('：');
}

async function ensureOk<Response extends ClientResponse<unknown, number, string> | globalThis.Response>(
  pending: Promise<Response>,
  path: string,
): Promise<Response> {
  const response = await pending;
  if (!response.ok) {
    let body: ApiErrorBody | null = null;
    try {
      body = (await response.json()) as ApiErrorBody;
    } catch {
      body = null;
    }
    throw new ApiError(response.status, path, body);
  }
  return response;
}

function withSignal(signal: AbortSignal | undefined) {
  return { init: { signal: signal ?? null } };
}

function filterUrl(url: URL, filter: ParcelFilter, extra: Record<string, string>): string {
  const parameters = formatParcelFilter(filter);
  for (const [name, value] of Object.entries(extra)) parameters.set(name, value);
  url.search = parameters.toString();
  return `${url.pathname}${url.search}`;
}

export interface ParcelSummaries {
  asOf: string;
  /** Changes with every write; a refresh with the same revision changes nothing. */
  revision: number | string;
  parcels: ParcelSummary[];
}

export const api = {
  /** Who is signed in; an `ApiError` with status 401 when nobody is. */
  async session(signal?: AbortSignal): Promise<SessionInfo> {
    const response = await ensureOk(client.api.session.$get(undefined, withSignal(signal)), '/api/session');
    return (await response.json()) as SessionInfo;
  },

  async signIn(username: string, password: string): Promise<SessionInfo> {
    const request = client.api.session.$post(undefined, {
      init: {
        body: JSON.stringify({ username, password }),
        headers: { 'Content-Type': 'application/json' },
      },
    });
    const response = await ensureOk(request, '/api/session');
    return (await response.json()) as SessionInfo;
  },

  async signOut(csrfToken: string): Promise<void> {
    const request = client.api.session.$delete(undefined, { headers: { [CSRF_HEADER]: csrfToken } });
    await ensureOk(request, '/api/session');
  },

  async meta(signal?: AbortSignal): Promise<ParkMeta> {
    const response = await ensureOk(client.api.meta.$get(undefined, withSignal(signal)), '/api/meta');
    return response.json();
  },

  async villages(signal?: AbortSignal): Promise<VillageCollection> {
    const response = await ensureOk(client.api.villages.$get(undefined, withSignal(signal)), '/api/villages');
    return response.json();
  },

  /** The binary "PCMG" buffer, decoded into zero-copy typed arrays for deck.gl. */
  async parcelGeometry(signal?: AbortSignal): Promise<ParcelGeometryBuffers> {
    const path = '/api/parcels/geometry';
    const response = await ensureOk(client.api.parcels.geometry.$get(undefined, withSignal(signal)), path);
    return decodeParcelGeometry(await response.arrayBuffer());
  },

  /** Every parcel's summary (unfiltered: the web filters on the GPU and in `computeStatistics`). */
  async parcelSummaries(signal?: AbortSignal): Promise<ParcelSummaries> {
    const path = '/api/parcels/summaries';
    const response = await ensureOk(client.api.parcels.summaries.$get(undefined, withSignal(signal)), path);
    const table = (await response.json()) as InferResponseType<typeof client.api.parcels.summaries.$get, 200>;
    return {
      asOf: table.asOf,
      revision: table.revision,
      parcels: fromSummaryTable(table as unknown as ParcelSummaryTable),
    };
  },

  async parcel(id: number, signal?: AbortSignal): Promise<ParcelDetail> {
    const request = client.api.parcels[':id'].$get({ param: { id: String(id) } }, withSignal(signal));
    const response = await ensureOk(request, `/api/parcels/${id}`);
    return (await response.json()) as ParcelDetail;
  },

  /** `GET /api/stats` for a filter: the server's numbers, to check against the client-side statistics. */
  async statistics(filter: ParcelFilter, groupBy: GroupBy, signal?: AbortSignal): Promise<StatisticsTable> {
    const path = filterUrl(client.api.stats.$url(), filter, { groupBy });
    const response = await ensureOk(fetch(path, { signal: signal ?? null }), path);
    return (await response.json()) as StatisticsTable;
  },
};

/**
 * Calls `onChange` after every committed status change anywhere (Server-Sent Events from
 * `GET /api/events/stream`), and after each (re)connection, when changes may have been missed.
 * Returns the function that stops listening. EventSource reconnects by itself.
 */
export function watchChanges(onChange: () => void): () => void {
  const source = new EventSource(client.api.events.stream.$url().pathname);
  source.addEventListener('change', onChange);
  source.addEventListener('ready', onChange);
  return () => source.close();
}

/** Download link for the parcels matching `filter` (`GET /api/export`). */
export function parcelExportUrl(format: ParcelExportFormat, filter: ParcelFilter): string {
  return filterUrl(client.api.export.$url(), filter, { format });
}

/** Download link for the statistics table of `filter` (`GET /api/stats/export`). */
export function statisticsExportUrl(
  format: StatisticsExportFormat,
  filter: ParcelFilter,
  groupBy: GroupBy = 'village',
): string {
  return filterUrl(client.api.stats.export.$url(), filter, { groupBy, format });
}
