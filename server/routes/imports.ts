/**
 * `/api/imports` (command centre only): the web import of a survey delivery. The file is streamed to disk, read and
 * validated in the background while the web polls the session, and nothing is written to the store until the
 * operator commits a report without errors. See docs/api.md, "Survey import".
 */
import { Hono } from 'hono';
import type { AppEnvironment } from '../auth/session.ts';
import { canImportSurvey, type User } from '../domain/users.ts';
import { type ImportSession, ImportSessions } from '../import/import-sessions.ts';
import { formatMappingJson, MAPPING_FILE_VERSION, parseMappingJson } from '../import/mapping.ts';
import type { ImportOptions } from '../import/prepare-import.ts';
import { validationReportCsv } from '../import/report-csv.ts';
import { receiveUpload, UploadTooLargeError } from '../import/upload.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import type { SurveyImportResult } from '../store/survey-import.ts';
import { CONTENT_TYPES, downloadHeaders } from './download.ts';
import { type ErrorDetail, errorBody } from './errors.ts';
import { readJsonObject } from './request-body.ts';

/** Findings sent with a session view; the CSV report has them all. */
const FINDINGS_SHOWN = 500;
export const DEFAULT_IMPORT_LIMIT_BYTES = 1024 * 1024 * 1024;

const NOT_FOUND = { zh: '导入会话不存在或已结束', en: 'No such import session (it may have ended)' };

/** Codes listed per kind of change; a re-delivery of 100k parcels keeps most of them, and the counts say so. */
const CODES_LISTED = 200;

function resultSummary(result: SurveyImportResult | null) {
  if (!result) return null;
  const listed = (codes: string[]) => ({ count: codes.length, codes: codes.slice(0, CODES_LISTED) });
  return {
    importId: result.importId,
    added: listed(result.added),
    changed: listed(result.changed),
    removed: listed(result.removed),
    kept: listed(result.kept),
    unchanged: result.unchanged,
  };
}

function sessionView(session: ImportSession) {
  const prepared = session.prepared;
  const report = prepared?.report ?? null;
  return {
    id: session.id,
    fileName: session.fileName,
    bytes: session.bytes,
    progress: session.progress,
    error: session.error,
    options: session.options,
    result: resultSummary(session.result),
    prepared: prepared
      ? {
          source: prepared.source,
          layers: prepared.layers,
          mapping: prepared.mapping,
          proposedMapping: prepared.proposedMapping,
          mappingErrors: prepared.mappingErrors,
          zone: { epsg: prepared.zone.epsg, centralMeridian: prepared.zone.centralMeridian },
          canCommit: prepared.plan !== null,
          report: report && {
            mode: report.mode,
            canCommit: report.canCommit,
            counts: report.counts,
            villages: report.villages,
            total: report.total,
            diff: {
              added: report.diff.added.length,
              changed: report.diff.changed.length,
              removed: report.diff.removed.length,
              otherVillages: report.diff.otherVillages,
              unchanged: report.diff.unchanged,
            },
            newVillages: report.newVillages,
            overlapSlivers: report.overlapSlivers,
            findings: report.findings.slice(0, FINDINGS_SHOWN),
            findingsShown: Math.min(FINDINGS_SHOWN, report.findings.length),
            findingsTotal: report.findings.length,
          },
        }
      : null,
  };
}

function optionsFromQuery(query: Record<string, string | undefined>): ImportOptions {
  return {
    ...(query.layer ? { layer: query.layer } : {}),
    ...(query.encoding ? { encoding: query.encoding } : {}),
    ...(query.crs ? { crs: Number(query.crs) } : {}),
    removeMissing: query.removeMissing === 'true' || query.removeMissing === '1',
  };
}

function optionsFromBody(body: Record<string, unknown>, errors: ErrorDetail[]): ImportOptions {
  const options: ImportOptions = {};
  if (typeof body.layer === 'string' && body.layer !== '') options.layer = body.layer;
  if (typeof body.encoding === 'string' && body.encoding !== '') options.encoding = body.encoding;
  // null or '' clears an earlier choice: the file's own declaration (or detection) again.
  if (body.crs === null || body.crs === '') options.crs = undefined;
  else if (body.crs !== undefined) {
    const crs = Number(body.crs);
    if (!Number.isInteger(crs))
      errors.push({
        field: 'crs',
        value: String(body.crs),
        zh: '应为 EPSG 代码',
        en: 'must be an EPSG code',
      });
    else options.crs = crs;
  }
  if (body.removeMissing !== undefined) options.removeMissing = body.removeMissing === true;
  if (body.mapping !== undefined && body.mapping !== null) {
    const parsed = parseMappingJson(JSON.stringify({ version: MAPPING_FILE_VERSION, fields: body.mapping }));
    if (parsed.ok) options.mapping = parsed.mapping;
    else for (const error of parsed.errors) errors.push({ field: 'mapping', value: '', ...error });
  }
  return options;
}

export function importRoutes(store: ParcelStore, limitBytes = DEFAULT_IMPORT_LIMIT_BYTES) {
  const sessions = new ImportSessions(store);
  const guard = (user: User) => canImportSurvey(user);
  return new Hono<AppEnvironment>()
    .use('*', async (c, next) => {
      const permission = guard(c.get('user') as User);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      return next();
    })
    .post('/', async (c) => {
      const fileName = c.req.query('fileName') ?? '';
      if (!/\.(zip|shp|gpkg|geojson|json|geojsonl|geojsons|ndjson|csv|txt)$/i.test(fileName)) {
        return c.json(
          errorBody({ zh: '不支持的文件类型', en: 'Unsupported file type' }, [
            {
              field: 'fileName',
              value: fileName,
              zh: '应为 .zip（Shapefile）、.gpkg、.geojson/.json（或逐行的 .geojsonl）或 .csv/.txt',
              en: 'expected .zip (Shapefile), .gpkg, .geojson/.json (or line-delimited .geojsonl) or .csv/.txt',
            },
          ]),
          400,
        );
      }
      const declared = Number(c.req.header('Content-Length') ?? Number.NaN);
      if (declared > limitBytes) return c.json(errorBody(tooLarge(limitBytes)), 413);
      const body = c.req.raw.body;
      if (!body) return c.json(errorBody({ zh: '没有上传文件', en: 'No file was uploaded' }), 400);
      const session = sessions.reserve(c.get('user') as User, fileName);
      try {
        const received = await receiveUpload(body, session.path, limitBytes);
        session.bytes = received.bytes;
        session.sha256 = received.sha256;
      } catch (error) {
        sessions.cancel(session);
        if (error instanceof UploadTooLargeError) return c.json(errorBody(tooLarge(limitBytes)), 413);
        throw error;
      }
      sessions.start(session, optionsFromQuery(c.req.query()));
      return c.json(sessionView(session), 202);
    })
    .get('/:id', (c) => {
      const session = sessions.get(c.req.param('id'), c.get('user') as User);
      if (!session) return c.json(errorBody(NOT_FOUND), 404);
      return c.json(sessionView(session));
    })
    .put('/:id', async (c) => {
      const session = sessions.get(c.req.param('id'), c.get('user') as User);
      if (!session) return c.json(errorBody(NOT_FOUND), 404);
      const body = await readJsonObject(c);
      if (!body)
        return c.json(errorBody({ zh: '请求体必须是 JSON 对象', en: 'The body must be a JSON object' }), 400);
      const errors: ErrorDetail[] = [];
      const options = optionsFromBody(body, errors);
      if (errors.length > 0)
        return c.json(errorBody({ zh: '导入选项有误', en: 'Invalid import options' }, errors), 400);
      if (session.progress.phase === 'committed' || session.progress.phase === 'committing')
        return c.json(errorBody({ zh: '该导入已提交', en: 'This import has been committed' }), 409);
      sessions.start(session, { ...session.options, ...options });
      return c.json(sessionView(session), 202);
    })
    .get('/:id/report.csv', (c) => {
      const session = sessions.get(c.req.param('id'), c.get('user') as User);
      if (!session?.prepared) return c.json(errorBody(NOT_FOUND), 404);
      const base = session.fileName.replace(/\.[^.]+$/, '');
      return c.body(
        validationReportCsv(session.prepared.report),
        200,
        downloadHeaders(`${base}-检查报告.csv`, CONTENT_TYPES.csv),
      );
    })
    .get('/:id/mapping.json', (c) => {
      const session = sessions.get(c.req.param('id'), c.get('user') as User);
      if (!session?.prepared) return c.json(errorBody(NOT_FOUND), 404);
      return c.body(
        formatMappingJson(session.prepared.mapping),
        200,
        downloadHeaders('mapping.json', 'application/json; charset=utf-8'),
      );
    })
    .post('/:id/commit', (c) => {
      const user = c.get('user') as User;
      const session = sessions.get(c.req.param('id'), user);
      if (!session) return c.json(errorBody(NOT_FOUND), 404);
      if (session.progress.phase === 'committed') {
        return c.json(errorBody({ zh: '该导入已提交', en: 'This import has been committed' }), 409);
      }
      if (session.progress.phase === 'ready' && session.prepared?.plan && !sessions.isCurrent(session)) {
        return c.json(
          errorBody({
            zh: '检查之后又有一次导入已提交，报告已不是现在的园区：请重新检查后再提交',
            en: 'Another import has been committed since this report was made: check again before committing',
          }),
          409,
        );
      }
      if (session.progress.phase !== 'ready' || !session.prepared?.plan) {
        return c.json(
          errorBody({
            zh: '检查报告中还有错误，或检查尚未完成：不能提交',
            en: 'The report still has errors, or validation has not finished: nothing can be committed',
          }),
          409,
        );
      }
      const result = sessions.commit(session, user);
      return c.json({
        result: resultSummary(result),
        geometryRevision: store.geometryRevision(),
        revision: store.revision(),
      });
    })
    .delete('/:id', (c) => {
      const session = sessions.get(c.req.param('id'), c.get('user') as User);
      if (!session) return c.json(errorBody(NOT_FOUND), 404);
      sessions.cancel(session);
      return c.body(null, 204);
    });
}

function tooLarge(limitBytes: number) {
  const megabytes = Math.round(limitBytes / 1024 / 1024);
  return { zh: `文件超过上限 ${megabytes} MB`, en: `The file is larger than the ${megabytes} MB limit` };
}
