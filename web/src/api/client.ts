/**
 * The only place the web talks HTTP: `hc<AppType>` from `hono/client`, typed by the server's own routes
 * (`server/app.ts`), so a changed route shape breaks the web's typecheck rather than the wall screen.
 * Filters travel in the query string written by `formatParcelFilter`, the function the server parses with; the
 * filtered routes parse `c.req.url` themselves (no Hono validator), so their URLs are built from `$url()`.
 */
import { type ClientResponse, hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../server/app.ts';
import type { ParcelEvent } from '../../../server/domain/events.ts';
import { formatParcelFilter, type ParcelFilter } from '../../../server/domain/filters.ts';
import { unpackSummaryTable } from '../../../server/domain/packed-summary-table.ts';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import {
  decodeParcelGeometry,
  type ParcelGeometryBuffers,
} from '../../../server/domain/parcel-geometry-binary.ts';
import { fromSummaryTable, type ParcelSummaryTable } from '../../../server/domain/parcel-summary-table.ts';
import type { Problem, ProblemKind } from '../../../server/domain/problems.ts';
import type {
  DailyReport,
  PlansResponse,
  ProgressSeries,
  VillagePlan,
  VillagePlanInput,
} from '../../../server/domain/reports/report-types.ts';
import type { GroupBy, StatisticsTable } from '../../../server/domain/statistics.ts';
import type { Axis } from '../../../server/domain/statuses.ts';
import type { Download } from '../state/background-download.ts';
import type { ApiErrorBody, LiveChange, ParcelExportFormat, StatisticsExportFormat } from './types.ts';

// The same origin serves the app and the API (Vite proxies /api in development).
const client = hc<AppType>(globalThis.location?.origin ?? 'http://localhost');

export type ParkMeta = InferResponseType<typeof client.api.meta.$get, 200>;
export type VillageCollection = InferResponseType<typeof client.api.villages.$get, 200>;
export type VillageProperties = VillageCollection['features'][number]['properties'];
export type ParcelDetail = InferResponseType<(typeof client.api.parcels)[':id']['$get'], 200>;
export type SessionInfo = InferResponseType<typeof client.api.session.$get, 200>;
export type SessionUser = SessionInfo['user'];

const NETWORK_FAILURE = {
  zh: '网络连接失败，修改未提交。请检查网络后重试',
  en: 'No connection: nothing was sent. Check the network and try again',
};

/** More details than this are the bulk dialog's list, not the error line's. */
const MAX_DETAILS_IN_TEXT = 3;

/** Header every state-changing request echoes (server/auth/session.ts). */
/** The header every write echoes the session's CSRF token in (server/auth/session.ts checks it). */
export const CSRF_HEADER = 'X-CSRF-Token';

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
  // fetch() rejects with a TypeError when the request never reached the server (no signal in the field).
  if (error instanceof TypeError) return NETWORK_FAILURE[language];
  if (!(error instanceof ApiError) || !error.body) return error.message;
  const parts = error.body.error.split(' / ');
  const message = parts.length === 2 ? (language === 'zh' ? parts[0] : parts[1]) : error.body.error;
  // A refused bulk change has one detail per parcel: those are listed apart, not run into one sentence.
  const details = (error.body.details ?? [])
    .map((detail) => detail[language])
    .filter((text): text is string => Boolean(text) && text !== message);
  const shown = [...new Set(details)].slice(0, MAX_DETAILS_IN_TEXT);
  return [message, ...shown].join('：');
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

/** A JSON write: the session's CSRF token, and `If-Match` when the change was based on a version seen. */
function writeOptions(csrfToken: string, body: unknown, version?: number) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', [CSRF_HEADER]: csrfToken };
  if (version !== undefined) headers['If-Match'] = `"v${version}"`;
  return { init: { body: JSON.stringify(body), headers } };
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
  /** Changes only when the parcels themselves change (a survey import): then the map reloads its geometry. */
  geometryRevision: number;
  /** The response's `ETag`: a refresh sends it back and gets a 304 while nothing has changed. */
  entityTag: string | null;
  parcels: ParcelSummary[];
}

/** A status change as the transition dialog submits it; `at` omitted means "now" on the server's clock. */
export interface StatusChangeRequest {
  axis: Axis;
  to: string;
  note: string;
  at?: string;
}

export interface StatusChangeResult {
  parcel: ParcelSummary;
  events: ParcelEvent[];
}

export interface BulkChangeResult {
  parcels: ParcelSummary[];
  events: ParcelEvent[];
}

/** `GET /api/parcels/status?asOf=`: two bytes per parcel (signing, clearance index) in geometry order. */
export interface HistoricalStatusBytes {
  bytes: Uint8Array;
  /** The instant the statuses are "as of" (`X-As-Of`). */
  asOf: string;
  parcelCount: number;
  /** `X-Geometry-Revision`: the parcels the bytes are in the order of. */
  geometryRevision: string | null;
}

export const GEOMETRY_PATH = '/api/parcels/geometry';
export const SUMMARIES_PATH = '/api/parcels/summaries';

type SummariesBody = InferResponseType<typeof client.api.parcels.summaries.$get, 200>;

function summariesFrom(
  header: Omit<SummariesBody, 'fields' | 'columns'>,
  parcels: ParcelSummary[],
  entityTag: string | null,
): ParcelSummaries {
  return {
    asOf: header.asOf,
    revision: header.revision,
    geometryRevision: header.geometryRevision,
    entityTag,
    parcels,
  };
}

function summariesFromBody(body: SummariesBody, entityTag: string | null): ParcelSummaries {
  return summariesFrom(body, fromSummaryTable(body as unknown as ParcelSummaryTable), entityTag);
}

async function readSummaries(
  response: ClientResponse<unknown, number, string> | globalThis.Response,
): Promise<ParcelSummaries> {
  return summariesFromBody((await response.json()) as SummariesBody, response.headers.get('ETag'));
}

/** A body received elsewhere (`background-download.ts`), checked as `ensureOk` checks a response. */
function okBytes(download: Download, path: string): ArrayBuffer {
  const bytes = download.bytes ?? new ArrayBuffer(0);
  if (download.status >= 200 && download.status < 300) return bytes;
  let body: ApiErrorBody | null = null;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes)) as ApiErrorBody;
  } catch {
    body = null;
  }
  throw new ApiError(download.status, path, body);
}

/** `GET /api/parcels/geometry` received as bytes: decoded into zero-copy typed arrays. */
export function geometryFromDownload(download: Download): ParcelGeometryBuffers {
  return decodeParcelGeometry(okBytes(download, GEOMETRY_PATH));
}

/** `GET /api/parcels/summaries` received packed by the download worker, or as bytes where no worker could run. */
export function summariesFromDownload(download: Download): ParcelSummaries {
  if (download.summaries) {
    const { header, table } = download.summaries;
    return summariesFrom(header as SummariesBody, unpackSummaryTable(table), download.entityTag);
  }
  const text = new TextDecoder().decode(okBytes(download, SUMMARIES_PATH));
  return summariesFromBody(JSON.parse(text) as SummariesBody, download.entityTag);
}

/** A JSON GET through `fetch` (routes whose shapes are typed in `server/domain/reports/report-types.ts`). */
async function getJson<Body>(path: string, signal?: AbortSignal): Promise<Body> {
  const response = await ensureOk(fetch(path, { signal: signal ?? null }), path);
  return (await response.json()) as Body;
}

export interface ProblemChangeResult {
  problem: Problem;
  event: ParcelEvent;
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

  /**
   * The summaries again, unless they are still the ones with this entity tag: then null, from a 304 with no body
   * (at 100k parcels the body is megabytes to download and hundreds of ms to parse on the main thread).
   */
  async parcelSummariesIfChanged(
    entityTag: string | null,
    signal?: AbortSignal,
  ): Promise<ParcelSummaries | null> {
    // A script-set If-None-Match bypasses the HTTP cache, so the 304 itself reaches us.
    const headers: Record<string, string> = entityTag ? { 'If-None-Match': entityTag } : {};
    const response = await client.api.parcels.summaries.$get(undefined, { ...withSignal(signal), headers });
    if (response.status === 304) return null;
    return readSummaries(await ensureOk(Promise.resolve(response), SUMMARIES_PATH));
  },

  async parcel(id: number, signal?: AbortSignal): Promise<ParcelDetail> {
    const request = client.api.parcels[':id'].$get({ param: { id: String(id) } }, withSignal(signal));
    const response = await ensureOk(request, `/api/parcels/${id}`);
    return (await response.json()) as ParcelDetail;
  },

  /** `POST /api/parcels/:id/transitions`, based on `version` (409 with `current` when someone was faster). */
  async changeStatus(
    parcelId: number,
    version: number,
    change: StatusChangeRequest,
    csrfToken: string,
  ): Promise<StatusChangeResult> {
    const path = `/api/parcels/${parcelId}/transitions`;
    const request = client.api.parcels[':id'].transitions.$post(
      { param: { id: String(parcelId) } },
      writeOptions(csrfToken, change, version),
    );
    return (await (await ensureOk(request, path)).json()) as StatusChangeResult;
  },

  /** `POST /api/transitions/bulk` (hq): all or nothing; 409 lists every refused parcel in `failures`. */
  async changeStatusInBulk(
    parcelIds: readonly number[],
    change: StatusChangeRequest,
    csrfToken: string,
  ): Promise<BulkChangeResult> {
    const request = client.api.transitions.bulk.$post(
      undefined,
      writeOptions(csrfToken, { ...change, parcelIds }),
    );
    return (await (await ensureOk(request, '/api/transitions/bulk')).json()) as BulkChangeResult;
  },

  /** A parcel's audit log, oldest first (status changes and problem actions). */
  async parcelEvents(parcelId: number, signal?: AbortSignal): Promise<ParcelEvent[]> {
    const request = client.api.parcels[':id'].events.$get(
      { param: { id: String(parcelId) } },
      withSignal(signal),
    );
    const response = await ensureOk(request, `/api/parcels/${parcelId}/events`);
    return ((await response.json()) as { events: ParcelEvent[] }).events;
  },

  /** The latest changes anywhere, newest first. */
  async latestEvents(limit: number, signal?: AbortSignal): Promise<ParcelEvent[]> {
    const request = client.api.events.$get({ query: { limit: String(limit) } }, withSignal(signal));
    const response = await ensureOk(request, '/api/events');
    return ((await response.json()) as { events: ParcelEvent[] }).events;
  },

  /** Every problem (the list is small; the web filters by status itself). */
  async problems(signal?: AbortSignal): Promise<Problem[]> {
    const response = await ensureOk(client.api.problems.$get(undefined, withSignal(signal)), '/api/problems');
    return ((await response.json()) as { problems: Problem[] }).problems;
  },

  async reportProblem(
    parcelId: number,
    report: { kind: ProblemKind; description: string; at?: string },
    csrfToken: string,
  ): Promise<ProblemChangeResult> {
    const request = client.api.parcels[':id'].problems.$post(
      { param: { id: String(parcelId) } },
      writeOptions(csrfToken, report),
    );
    const response = await ensureOk(request, `/api/parcels/${parcelId}/problems`);
    return (await response.json()) as ProblemChangeResult;
  },

  /** hq: assign (`assignee` required) or resolve (`note` required) a problem, based on the version seen. */
  async updateProblem(
    problem: Pick<Problem, 'id' | 'version'>,
    action: 'assign' | 'resolve',
    details: { assignee?: string; note: string },
    csrfToken: string,
  ): Promise<ProblemChangeResult> {
    const options = writeOptions(csrfToken, details, problem.version);
    const param = { param: { id: String(problem.id) } };
    const request =
      action === 'assign'
        ? client.api.problems[':id'].assign.$post(param, options)
        : client.api.problems[':id'].resolve.$post(param, options);
    const response = await ensureOk(request, `/api/problems/${problem.id}/${action}`);
    return (await response.json()) as ProblemChangeResult;
  },

  /** `GET /api/reports/daily`: the daily report (日报) at the end of `date` (CST), today when omitted. */
  dailyReport(date: string | null, signal?: AbortSignal): Promise<DailyReport> {
    return getJson(dailyReportPath(date), signal);
  },

  /** `GET /api/reports/progress`: cumulative and daily series per village and for the park, one entry per day. */
  progress(signal?: AbortSignal): Promise<ProgressSeries> {
    return getJson('/api/reports/progress', signal);
  },

  plans(signal?: AbortSignal): Promise<PlansResponse> {
    return getJson('/api/plans', signal);
  },

  /** `PUT /api/plans/:village` (hq), based on the version seen (409 when someone saved first). */
  async savePlan(
    village: string,
    plan: VillagePlanInput,
    version: number | undefined,
    csrfToken: string,
  ): Promise<VillagePlan> {
    const path = `/api/plans/${encodeURIComponent(village)}`;
    const { init } = writeOptions(csrfToken, plan, version);
    const response = await ensureOk(fetch(path, { ...init, method: 'PUT' }), path);
    const body = (await response.json()) as VillagePlan | { plan: VillagePlan };
    return 'plan' in body ? body.plan : body;
  },

  /** The park's statuses at the end of a day (`YYYY-MM-DD`) or at an instant: the time slider's colours. */
  async parcelStatusesAsOf(asOf: string, signal?: AbortSignal): Promise<HistoricalStatusBytes> {
    const path = `/api/parcels/status?asOf=${encodeURIComponent(asOf)}`;
    const response = await ensureOk(fetch(path, { signal: signal ?? null }), path);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const count = Number(response.headers.get('X-Parcel-Count') ?? Number.NaN);
    return {
      bytes,
      asOf: response.headers.get('X-As-Of') ?? asOf,
      parcelCount: Number.isFinite(count) ? count : bytes.length / 2,
      geometryRevision: response.headers.get('X-Geometry-Revision'),
    };
  },

  /** `GET /api/stats` for a filter: the server's numbers, to check against the client-side statistics. */
  async statistics(filter: ParcelFilter, groupBy: GroupBy, signal?: AbortSignal): Promise<StatisticsTable> {
    const path = filterUrl(client.api.stats.$url(), filter, { groupBy });
    const response = await ensureOk(fetch(path, { signal: signal ?? null }), path);
    return (await response.json()) as StatisticsTable;
  },
};

export interface ChangeStreamHandlers {
  /** One committed change (status or problem), with the parcel's summary and the problem after it. */
  onChange(change: LiveChange): void;
  /** The stream is (re)connected and caught up: anything missed before it is in the log, not in the stream. */
  onReady(): void;
  /** The connection dropped; EventSource is retrying with `Last-Event-ID`. */
  onDisconnect(): void;
}

/**
 * Listens to `GET /api/events/stream` (Server-Sent Events). EventSource reconnects by itself and sends
 * `Last-Event-ID`, so the server replays what was missed. Returns the function that stops listening.
 */
export function watchChanges(handlers: ChangeStreamHandlers): () => void {
  const source = new EventSource(client.api.events.stream.$url().pathname);
  source.addEventListener('change', (message) => {
    try {
      handlers.onChange(JSON.parse((message as MessageEvent<string>).data) as LiveChange);
    } catch {
      // A malformed message is dropped; the periodic refresh corrects the summaries.
    }
  });
  source.addEventListener('ready', () => handlers.onReady());
  source.addEventListener('error', () => handlers.onDisconnect());
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

function dailyReportPath(date: string | null, format?: 'xlsx'): string {
  const parameters = new URLSearchParams();
  if (date) parameters.set('date', date);
  if (format) parameters.set('format', format);
  const query = parameters.toString();
  return `/api/reports/daily${query ? `?${query}` : ''}`;
}

/** Download link of the daily report as XLSX (the server writes the workbook). */
export function dailyReportXlsxUrl(date: string | null): string {
  return dailyReportPath(date, 'xlsx');
}

// ---- Survey import (`/api/imports`, hq) -------------------------------------------------------------------------

export type ImportSessionView = InferResponseType<(typeof client.api.imports)[':id']['$get'], 200>;
export type ImportCommitResult = InferResponseType<
  (typeof client.api.imports)[':id']['commit']['$post'],
  200
>;

export interface ImportOptionsInput {
  layer?: string;
  encoding?: string;
  crs?: number | null;
  mapping?: Record<string, string | null>;
  removeMissing?: boolean;
}

const importPath = (id: string, suffix = '') => `/api/imports/${encodeURIComponent(id)}${suffix}`;

/**
 * `POST /api/imports`: streams the file to the server with upload progress (fetch has no upload progress, so this
 * one request uses XMLHttpRequest), then the server reads and validates it in the background.
 */
export function uploadSurvey(
  file: Blob,
  fileName: string,
  options: { removeMissing: boolean },
  csrfToken: string,
  onProgress: (loaded: number, total: number) => void,
): Promise<ImportSessionView> {
  const query = new URLSearchParams({ fileName, removeMissing: String(options.removeMissing) });
  const path = `/api/imports?${query}`;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader(CSRF_HEADER, csrfToken);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.addEventListener('progress', (event) =>
      onProgress(event.loaded, event.total || file.size),
    );
    request.addEventListener('load', () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(body as ImportSessionView);
      else reject(new ApiError(request.status, path, body as ApiErrorBody | null));
    });
    request.addEventListener('error', () => reject(new TypeError('network error')));
    request.send(file);
  });
}

export const importApi = {
  async session(id: string, signal?: AbortSignal): Promise<ImportSessionView> {
    const path = importPath(id);
    const response = await ensureOk(fetch(path, { signal: signal ?? null }), path);
    return (await response.json()) as ImportSessionView;
  },
  /** `PUT /api/imports/:id`: other options (layer, encoding, mapping): read and validated again. */
  async update(id: string, options: ImportOptionsInput, csrfToken: string): Promise<ImportSessionView> {
    const path = importPath(id);
    const { init } = writeOptions(csrfToken, options);
    const response = await ensureOk(fetch(path, { ...init, method: 'PUT' }), path);
    return (await response.json()) as ImportSessionView;
  },
  async commit(id: string, csrfToken: string): Promise<ImportCommitResult> {
    const path = importPath(id, '/commit');
    const response = await ensureOk(
      fetch(path, { method: 'POST', headers: { [CSRF_HEADER]: csrfToken } }),
      path,
    );
    return (await response.json()) as ImportCommitResult;
  },
  async cancel(id: string, csrfToken: string): Promise<void> {
    const path = importPath(id);
    await ensureOk(fetch(path, { method: 'DELETE', headers: { [CSRF_HEADER]: csrfToken } }), path);
  },
  reportCsvUrl: (id: string) => importPath(id, '/report.csv'),
  mappingJsonUrl: (id: string) => importPath(id, '/mapping.json'),
};
