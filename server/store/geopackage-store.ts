/**
 * The embedded store: a GeoPackage opened with better-sqlite3 in WAL mode, read once at start-up into an in-memory
 * index (summaries, geometry, bounds, a Flatbush spatial index and precomputed areas). Reads never touch SQLite.
 */

import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import Database from 'better-sqlite3';
import Flatbush from 'flatbush';
import { gaussKrugerZoneForExtent } from '../domain/areas.ts';
import { chinaIsoString } from '../domain/china-time.ts';
import type { SigningRecord } from '../domain/compensation-ledger.ts';
import type { ParcelEvent } from '../domain/events.ts';
import type { ParcelSummary } from '../domain/parcel.ts';
import { type ParcelColumns, setStatusColumns, toParcelColumns } from '../domain/parcel-columns.ts';
import { nextProblemStatus, type Problem, type ProblemKind, type ProblemStatus } from '../domain/problems.ts';
import { StatusTimeline } from '../domain/reports/status-timeline.ts';
import {
  type ClearanceStatus,
  type LandClass,
  SIGNING_DONE,
  type SigningStatus,
  type Structure,
} from '../domain/statuses.ts';
import { checkTransition } from '../domain/transitions.ts';
import type { User } from '../domain/users.ts';
import { type AccountStore, SqliteAccountStore } from './account-store.ts';
import { type CompensationStore, SqliteCompensationStore } from './compensation-store.ts';
import { type Bounds, boundsOf, decodeGeometryBlob } from './geopackage/geometry-blob.ts';
import { ensureApplicationTables, type ParcelRow } from './geopackage/schema.ts';
import type {
  AreaGeometry,
  ChangeFailure,
  ChangeResult,
  EventQuery,
  ParcelRecord,
  ParcelStore,
  Park,
  ProblemReport,
  ProblemResult,
  StatusChange,
  StoreChange,
  VillageRecord,
} from './parcel-store.ts';
import { type PlanStore, SqlitePlanStore } from './plan-store.ts';
import { type SurveyImportPlan, type SurveyImportResult, writeSurveyImport } from './survey-import.ts';

/** A single-polygon MultiPolygon is served as a Polygon: that is what it is, and what GeoJSON users expect. */
function simplestGeometry(blob: Uint8Array, record: string): AreaGeometry {
  const { geometry } = decodeGeometryBlob(blob);
  if (!geometry) throw new Error(`${record}: empty geometry`);
  if (geometry.type === 'MultiPolygon' && geometry.coordinates.length === 1) {
    return { type: 'Polygon', coordinates: geometry.coordinates[0] as AreaGeometry['coordinates'] as never };
  }
  return geometry;
}

function labelPointOf(geometry: AreaGeometry): [number, number] {
  const feature = { type: 'Feature' as const, properties: {}, geometry };
  const center = centroid(feature);
  const point = booleanPointInPolygon(center, feature) ? center : pointOnFeature(feature);
  return point.geometry.coordinates as [number, number];
}

interface EventRow {
  id: number;
  parcel_id: number;
  axis: ParcelEvent['axis'];
  from_status: string;
  to_status: string;
  at: string;
  recorded_at: string;
  user: string;
  note: string;
  kind: ParcelEvent['kind'];
  problem_id: number | null;
}

interface ProblemRow {
  id: number;
  parcel_id: number;
  kind: ProblemKind;
  description: string;
  status: ProblemStatus;
  assignee: string | null;
  reported_by: string;
  reported_at: string;
  updated_at: string;
  version: number;
}

interface PendingChange {
  changes: readonly StatusChange[];
  actor: User;
  resolve: (result: ChangeResult) => void;
  reject: (error: unknown) => void;
}

interface PlannedStep {
  change: StatusChange;
  from: string;
  kind: 'forward' | 'correction';
  next: ParcelSummary;
}

interface PlannedRequest {
  request: PendingChange;
  result: ChangeResult;
  steps: PlannedStep[];
}

export class GeoPackageStore implements ParcelStore {
  readonly park: Park;
  private readonly pendingChanges: PendingChange[] = [];
  /** One transaction, one fsync, per group-commit batch; built once, not per batch. */
  private readonly writeBatch: (plans: readonly PlannedRequest[], recordedAt: string) => void;
  private readonly statements: {
    updateParcelStatus: Database.Statement;
    insertStatusEvent: Database.Statement;
  };
  readonly accounts: AccountStore;
  readonly compensation: CompensationStore;
  readonly plans: PlanStore;
  /** The event log as typed arrays (see `statusTimeline`), with the parcel order it was built for. */
  private timelineCache:
    | { timeline: StatusTimeline; indexById: Map<number, number>; geometryRevision: number }
    | undefined;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  // Revisions start at the time the store was opened, not at 1: ETags built from them must not repeat after a
  // restart, when an import may have changed the file a browser's cached copy came from.
  private geometryRevisionCounter = Date.now();
  private readonly database: Database.Database;
  // Replaced as a whole when a survey import commits (see `loadParcelIndex`).
  private villageRecords: VillageRecord[] = [];
  private parcelRecords: ParcelRecord[] = [];
  private summaries: ParcelSummary[] = [];
  private recordsById = new Map<number, ParcelRecord>();
  private spatialIndex: Flatbush = new Flatbush(1);
  /** The summaries as typed-array columns for statistics; status columns follow every commit. */
  private columns: ParcelColumns = toParcelColumns([]);
  private readonly positionById = new Map<number, number>();
  private latestChange: string;
  private revisionCounter = Date.now();

  private constructor(database: Database.Database) {
    this.database = database;
    ensureApplicationTables(database);
    this.accounts = new SqliteAccountStore(database);
    this.statements = {
      updateParcelStatus: database.prepare(
        'UPDATE parcels SET signing = ?, clearance = ?, version = ?, updated_at = ? WHERE fid = ?',
      ),
      insertStatusEvent: database.prepare(
        `INSERT INTO events (parcel_id, axis, from_status, to_status, at, user, note, kind, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    this.writeBatch = database.transaction((plans: readonly PlannedRequest[], recordedAt: string) =>
      this.writeBatchSteps(plans, recordedAt),
    );
    this.park = this.readPark();
    this.compensation = new SqliteCompensationStore(database, this.park.announcementDate);
    this.plans = new SqlitePlanStore(database);
    this.latestChange = '';
    this.loadParcelIndex();
  }

  /** Reads villages and parcels into memory and builds the spatial index: at open, and after a survey import. */
  private loadParcelIndex(): void {
    this.villageRecords = this.readVillages();
    this.parcelRecords = this.readParcels();
    this.summaries = this.parcelRecords.map((record) => record.summary);
    this.recordsById = new Map(this.parcelRecords.map((record) => [record.summary.id, record]));
    this.columns = toParcelColumns(this.summaries);
    this.positionById.clear();
    for (const [position, summary] of this.summaries.entries()) this.positionById.set(summary.id, position);
    this.spatialIndex = new Flatbush(Math.max(1, this.parcelRecords.length));
    for (const record of this.parcelRecords) this.spatialIndex.add(...record.bounds);
    if (this.parcelRecords.length === 0) this.spatialIndex.add(0, 0, 0, 0);
    this.spatialIndex.finish();
    this.latestChange = this.readLatestChange();
    this.statusTimeline();
  }

  /**
   * Commits a validated survey delivery whole or not at all, then reloads the in-memory index. Synchronous: no
   * status change can interleave (they commit on the same event loop).
   */
  importSurvey(plan: SurveyImportPlan, actor: User): SurveyImportResult {
    const result = writeSurveyImport(
      this.database,
      plan,
      this.park.zone,
      actor.username,
      new Date().toISOString(),
    );
    this.loadParcelIndex();
    this.geometryRevisionCounter++;
    this.revisionCounter++;
    return result;
  }

  /** Opens an existing GeoPackage. WAL + synchronous=FULL: a write acknowledged to a client survives `kill -9`. */
  static open(path: string): GeoPackageStore {
    const database = new Database(path, { fileMustExist: true });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    return new GeoPackageStore(database);
  }

  private readPark(): Park {
    const row = this.database
      .prepare('SELECT geom, name, name_en, town, announcement_date FROM park ORDER BY fid LIMIT 1')
      .get() as
      | { geom: Uint8Array; name: string; name_en: string; town: string; announcement_date: string }
      | undefined;
    if (!row) throw new Error('the GeoPackage has no park boundary (table "park" is empty)');
    const boundary = simplestGeometry(row.geom, 'park');
    const bounds = boundsOf(boundary);
    return {
      name: row.name,
      nameEn: row.name_en,
      town: row.town,
      announcementDate: row.announcement_date,
      boundary,
      bounds,
      zone: gaussKrugerZoneForExtent(bounds[0], bounds[2]),
    };
  }

  private readVillages(): VillageRecord[] {
    const rows = this.database
      .prepare('SELECT geom, code, name, name_en, town, leader, group_count FROM villages ORDER BY code')
      .all() as {
      geom: Uint8Array;
      code: string;
      name: string;
      name_en: string;
      town: string;
      leader: string;
      group_count: number;
    }[];
    return rows.map((row) => {
      const geometry = simplestGeometry(row.geom, `village ${row.code}`);
      return {
        code: row.code,
        name: row.name,
        nameEn: row.name_en,
        town: row.town,
        leader: row.leader,
        groupCount: row.group_count,
        geometry,
        labelPoint: labelPointOf(geometry),
      };
    });
  }

  private readParcels(): ParcelRecord[] {
    const rows = this.database.prepare('SELECT * FROM parcels ORDER BY fid').all() as ParcelRow[];
    return rows.map((row) => {
      const geometry = simplestGeometry(row.geom, `parcel ${row.code}`);
      return {
        summary: {
          id: row.fid,
          code: row.code,
          holder: row.holder,
          village: row.village,
          group: row.village_group ?? '',
          landClass: row.land_class as LandClass,
          buildingArea: row.building_area,
          structure: row.structure as Structure | null,
          cadre: row.cadre === 1,
          signing: row.signing as SigningStatus,
          clearance: row.clearance as ClearanceStatus,
          surveyArea: row.survey_area_m2,
          ellipsoidArea: row.ellipsoid_area_m2,
          planeArea: row.plane_area_m2,
          version: row.version,
          updatedAt: row.updated_at,
        },
        geometry,
        bounds: boundsOf(geometry),
        idNumber: row.id_number,
        phone: row.phone,
      };
    });
  }

  /** The latest of every event time and every parcel's last change (compared as instants: offsets may differ). */
  private readLatestChange(): string {
    const eventTimes = this.database.prepare('SELECT DISTINCT at FROM events').pluck().all() as string[];
    let latest = '';
    for (const time of [...eventTimes, ...this.summaries.map((parcel) => parcel.updatedAt)]) {
      if (latest === '' || Date.parse(time) > Date.parse(latest)) latest = time;
    }
    return latest;
  }

  villages(): readonly VillageRecord[] {
    return this.villageRecords;
  }

  parcels(): readonly ParcelSummary[] {
    return this.summaries;
  }

  parcelColumns(): ParcelColumns {
    return this.columns;
  }

  records(): readonly ParcelRecord[] {
    return this.parcelRecords;
  }

  parcel(id: number): ParcelRecord | undefined {
    return this.recordsById.get(id);
  }

  parcelIdsInBounds(bounds: Bounds): number[] {
    if (this.parcelRecords.length === 0) return [];
    return this.spatialIndex
      .search(...bounds)
      .map((index) => (this.parcelRecords[index] as ParcelRecord).summary.id);
  }

  asOf(): string {
    return this.latestChange;
  }

  revision(): number {
    return this.revisionCounter;
  }

  geometryRevision(): number {
    return this.geometryRevisionCounter;
  }

  statusTimeline(): StatusTimeline {
    const cached = this.timelineCache;
    if (cached && this.timelineIsCurrent(cached)) return cached.timeline;
    const parcels = this.parcels();
    const indexById = new Map<number, number>(parcels.map((parcel, index) => [parcel.id, index]));
    const timeline = new StatusTimeline(parcels.length);
    const rows = this.database
      .prepare('SELECT parcel_id, axis, from_status, to_status, at, problem_id FROM events ORDER BY id')
      .raw()
      .iterate() as IterableIterator<[number, EventRow['axis'], string, string, string, number | null]>;
    for (const [parcelId, axis, from, to, at, problemId] of rows) {
      const parcelIndex = indexById.get(parcelId);
      if (parcelIndex === undefined) continue;
      if (axis === 'problem') {
        if (problemId !== null) timeline.appendProblem({ problemId, parcelIndex, to, at: Date.parse(at) });
      } else timeline.appendStatus({ parcelIndex, axis, from, to, at: Date.parse(at) });
    }
    this.timelineCache = { timeline, indexById, geometryRevision: this.geometryRevision() };
    return timeline;
  }

  /** A timeline is valid for one parcel order: an import that replaces the parcels bumps the geometry revision. */
  private timelineIsCurrent(cached: { timeline: StatusTimeline; geometryRevision: number }): boolean {
    return (
      cached.geometryRevision === this.geometryRevision() &&
      cached.timeline.parcelCount === this.parcels().length
    );
  }

  /** Appends a committed event to the in-memory timeline (or drops the timeline, to be rebuilt from SQLite). */
  private recordInTimeline(event: ParcelEvent): void {
    const cached = this.timelineCache;
    const parcelIndex = cached?.indexById.get(event.parcelId);
    if (!cached || !this.timelineIsCurrent(cached) || parcelIndex === undefined) {
      this.timelineCache = undefined;
      return;
    }
    const at = Date.parse(event.at);
    if (event.axis === 'problem') {
      if (event.problemId !== null)
        cached.timeline.appendProblem({ problemId: event.problemId, parcelIndex, to: event.to, at });
    } else
      cached.timeline.appendStatus({ parcelIndex, axis: event.axis, from: event.from, to: event.to, at });
  }

  /** Field time (epoch ms) of the parcel's latest status event, −Infinity when it has none. */
  private lastStatusChangeAt(parcelId: number): number {
    const timeline = this.statusTimeline();
    const index = this.timelineCache?.indexById.get(parcelId);
    return index === undefined ? Number.NEGATIVE_INFINITY : (timeline.lastStatusAt[index] as number);
  }

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private noteChange(at: string): void {
    this.revisionCounter++;
    if (Date.parse(at) > Date.parse(this.latestChange || at)) this.latestChange = at;
  }

  /**
   * Group commit: requests that arrive while the event loop is busy are committed together, in one transaction and
   * one fsync, at the next `setImmediate`. Each request is still all-or-nothing on its own and is validated against
   * the state the requests before it in the batch leave behind; its promise resolves only after the commit.
   */
  applyStatusChanges(changes: readonly StatusChange[], actor: User): Promise<ChangeResult> {
    return new Promise((resolve, reject) => {
      this.pendingChanges.push({ changes, actor, resolve, reject });
      if (this.pendingChanges.length === 1) setImmediate(() => this.commitPendingChanges());
    });
  }

  private commitPendingChanges(): void {
    const batch = this.pendingChanges.splice(0);
    // Working copies of every parcel the batch touches: memory is only updated after the commit.
    const working = new Map<number, ParcelSummary>();
    const plans: PlannedRequest[] = [];
    for (const request of batch) {
      const planned = this.planChanges(request.changes, request.actor, working);
      if (planned.ok) for (const [id, summary] of planned.working) working.set(id, summary);
      plans.push({
        request,
        result: planned.ok
          ? { ok: true, events: [], parcels: [] }
          : { ok: false, failures: planned.failures },
        steps: planned.ok ? planned.steps : [],
      });
    }
    const recordedAt = new Date().toISOString();
    try {
      this.writeBatch(plans, recordedAt);
    } catch (error) {
      for (const plan of plans) plan.request.reject(error);
      return;
    }
    // Committed (WAL, synchronous=FULL): now memory, then every open map, then the clients.
    for (const [parcelId, next] of working) {
      Object.assign((this.recordsById.get(parcelId) as ParcelRecord).summary, next);
      setStatusColumns(this.columns, this.positionById.get(parcelId) as number, next);
    }
    for (const plan of plans) {
      if (plan.result.ok) {
        for (const event of plan.result.events) {
          this.noteChange(event.at);
          this.recordInTimeline(event);
          this.publish({
            event,
            parcel: { ...(this.recordsById.get(event.parcelId) as ParcelRecord).summary },
            problem: null,
          });
        }
        const ids = [...new Set(plan.steps.map((step) => step.next.id))];
        plan.result.parcels.push(
          ...ids.map((id) => ({ ...(this.recordsById.get(id) as ParcelRecord).summary })),
        );
      }
      plan.request.resolve(plan.result);
    }
  }

  /** The rows of every accepted request of a batch (run inside `writeBatch`'s transaction); fills in their events. */
  private writeBatchSteps(plans: readonly PlannedRequest[], recordedAt: string): void {
    for (const plan of plans) {
      if (!plan.result.ok) continue;
      for (const step of plan.steps) {
        this.statements.updateParcelStatus.run(
          step.next.signing,
          step.next.clearance,
          step.next.version,
          step.next.updatedAt,
          step.next.id,
        );
        const inserted = this.statements.insertStatusEvent.run(
          step.next.id,
          step.change.axis,
          step.from,
          step.change.to,
          step.change.at,
          plan.request.actor.username,
          step.change.note,
          step.kind,
          recordedAt,
        );
        plan.result.events.push({
          id: Number(inserted.lastInsertRowid),
          parcelId: step.next.id,
          parcelCode: step.next.code,
          village: step.next.village,
          axis: step.change.axis,
          from: step.from,
          to: step.change.to,
          at: step.change.at,
          recordedAt,
          user: plan.request.actor.username,
          note: step.change.note,
          kind: step.kind,
          problemId: null,
        });
        // The agreed amount is recorded in the signing's own transaction: never a signing without it.
        if (step.change.axis === 'signing' && SIGNING_DONE.includes(step.next.signing)) {
          const status = step.next.signing as SigningRecord['status'];
          const signing = { eventId: Number(inserted.lastInsertRowid), at: step.change.at, status };
          this.compensation.recordAgreement(step.next, signing, 'signing', recordedAt);
        }
      }
    }
  }

  /** Validates one request against memory overlaid with the batch's working copies; changes nothing. */
  private planChanges(
    changes: readonly StatusChange[],
    actor: User,
    batchWorking: ReadonlyMap<number, ParcelSummary>,
  ):
    | { ok: true; steps: PlannedStep[]; working: Map<number, ParcelSummary> }
    | { ok: false; failures: ChangeFailure[] } {
    const failures: ChangeFailure[] = [];
    const working = new Map<number, ParcelSummary>();
    const steps: PlannedStep[] = [];
    for (const change of changes) {
      const record = this.recordsById.get(change.parcelId);
      if (!record) {
        failures.push({
          parcelId: change.parcelId,
          reason: 'not-found',
          message: { zh: `没有编号为 ${change.parcelId} 的地块`, en: `No parcel with id ${change.parcelId}` },
        });
        continue;
      }
      const current = working.get(change.parcelId) ?? batchWorking.get(change.parcelId) ?? record.summary;
      if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
        failures.push({
          parcelId: change.parcelId,
          reason: 'stale',
          current: { ...current },
          message: {
            zh: `该户已被他人修改（当前版本 ${current.version}，您看到的是 ${change.expectedVersion}），请刷新后重试`,
            en: `The household was changed meanwhile (version ${current.version}, you saw ${change.expectedVersion}); reload and retry`,
          },
        });
        continue;
      }
      const check = checkTransition(current, {
        axis: change.axis,
        to: change.to,
        role: actor.role,
        note: change.note,
      });
      if (!check.allowed) {
        failures.push({
          parcelId: change.parcelId,
          reason: 'illegal',
          rule: check.reason,
          message: check.message,
          current: { ...current },
        });
        continue;
      }
      // Per household, field-time order must equal commit order: replaying "as of" a date then needs no sorting
      // (see server/domain/reports/status-timeline.ts). A change earlier than the last one cannot be slipped in.
      const lastChangeAt =
        working.has(change.parcelId) || batchWorking.has(change.parcelId)
          ? Date.parse(current.updatedAt)
          : this.lastStatusChangeAt(change.parcelId);
      if (Date.parse(change.at) < lastChangeAt) {
        const last = chinaIsoString(lastChangeAt);
        failures.push({
          parcelId: change.parcelId,
          reason: 'illegal',
          rule: 'before-last-change',
          message: {
            zh: `时间早于该户上一次状态变更（${last}）`,
            en: `Earlier than this household's last status change (${last})`,
          },
          current: { ...current },
        });
        continue;
      }
      const next: ParcelSummary = {
        ...current,
        ...(change.axis === 'signing'
          ? { signing: change.to as SigningStatus }
          : { clearance: change.to as ClearanceStatus }),
        version: current.version + 1,
        updatedAt: change.at,
      };
      steps.push({
        change,
        from: change.axis === 'signing' ? current.signing : current.clearance,
        kind: check.kind,
        next,
      });
      working.set(change.parcelId, next);
    }
    return failures.length > 0 ? { ok: false, failures } : { ok: true, steps, working };
  }

  private toEvent(row: EventRow): ParcelEvent {
    const summary = this.recordsById.get(row.parcel_id)?.summary;
    return {
      id: row.id,
      parcelId: row.parcel_id,
      parcelCode: summary?.code ?? '',
      village: summary?.village ?? '',
      axis: row.axis,
      from: row.from_status,
      to: row.to_status,
      at: row.at,
      recordedAt: row.recorded_at,
      user: row.user,
      note: row.note,
      kind: row.kind,
      problemId: row.problem_id,
    };
  }

  events(query: EventQuery): ParcelEvent[] {
    const conditions: string[] = [];
    const parameters: number[] = [];
    if (query.parcelId !== undefined) {
      conditions.push('parcel_id = ?');
      parameters.push(query.parcelId);
    }
    if (query.afterId !== undefined) {
      conditions.push('id > ?');
      parameters.push(query.afterId);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const order = query.newestFirst ? 'DESC' : 'ASC';
    const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    const rows = this.database
      .prepare(`SELECT * FROM events ${where} ORDER BY id ${order} ${limit}`)
      .all(...parameters) as EventRow[];
    return rows.map((row) => this.toEvent(row));
  }

  private toProblem(row: ProblemRow): Problem {
    const summary = this.recordsById.get(row.parcel_id)?.summary;
    return {
      id: row.id,
      parcelId: row.parcel_id,
      parcelCode: summary?.code ?? '',
      village: summary?.village ?? '',
      kind: row.kind,
      description: row.description,
      status: row.status,
      assignee: row.assignee,
      reportedBy: row.reported_by,
      reportedAt: row.reported_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  }

  problems(): Problem[] {
    return (this.database.prepare('SELECT * FROM problems ORDER BY id DESC').all() as ProblemRow[]).map(
      (row) => this.toProblem(row),
    );
  }

  problem(id: number): Problem | undefined {
    const row = this.database.prepare('SELECT * FROM problems WHERE id = ?').get(id) as
      | ProblemRow
      | undefined;
    return row ? this.toProblem(row) : undefined;
  }

  private appendProblemEvent(
    problem: Problem,
    from: string,
    to: string,
    note: string,
    at: string,
    actor: User,
  ): ParcelEvent {
    const recordedAt = new Date().toISOString();
    const result = this.database
      .prepare(
        `INSERT INTO events (parcel_id, axis, from_status, to_status, at, user, note, kind, recorded_at, problem_id)
         VALUES (?, 'problem', ?, ?, ?, ?, ?, 'problem', ?, ?)`,
      )
      .run(problem.parcelId, from, to, at, actor.username, note, recordedAt, problem.id);
    return {
      id: Number(result.lastInsertRowid),
      parcelId: problem.parcelId,
      parcelCode: problem.parcelCode,
      village: problem.village,
      axis: 'problem',
      from,
      to,
      at,
      recordedAt,
      user: actor.username,
      note,
      kind: 'problem',
      problemId: problem.id,
    };
  }

  reportProblem(report: ProblemReport, actor: User): ProblemResult {
    const record = this.recordsById.get(report.parcelId);
    if (!record) {
      return { ok: false, reason: 'not-found', message: { zh: '地块不存在', en: 'Parcel not found' } };
    }
    const { problem, event } = this.database.transaction(() => {
      const result = this.database
        .prepare(
          `INSERT INTO problems (parcel_id, kind, description, status, reported_by, reported_at, updated_at)
           VALUES (?, ?, ?, 'open', ?, ?, ?)`,
        )
        .run(report.parcelId, report.kind, report.description, actor.username, report.at, report.at);
      const created = this.problem(Number(result.lastInsertRowid)) as Problem;
      return {
        problem: created,
        event: this.appendProblemEvent(created, 'none', 'open', report.description, report.at, actor),
      };
    })();
    this.noteChange(report.at);
    this.recordInTimeline(event);
    this.publish({ event, parcel: { ...record.summary }, problem });
    return { ok: true, problem, event };
  }

  updateProblem(
    id: number,
    action: 'assign' | 'resolve',
    details: { assignee?: string; note: string; at: string; expectedVersion?: number },
    actor: User,
  ): ProblemResult {
    const current = this.problem(id);
    if (!current)
      return { ok: false, reason: 'not-found', message: { zh: '问题不存在', en: 'Problem not found' } };
    if (details.expectedVersion !== undefined && details.expectedVersion !== current.version) {
      return {
        ok: false,
        reason: 'stale',
        current,
        message: {
          zh: '该问题已被他人更新，请刷新后重试',
          en: 'The problem was updated meanwhile; reload and retry',
        },
      };
    }
    const next = nextProblemStatus(current.status, action);
    if (next === null) {
      return {
        ok: false,
        reason: 'closed',
        current,
        message: { zh: '问题已办结', en: 'The problem is already resolved' },
      };
    }
    const { problem, event } = this.database.transaction(() => {
      this.database
        .prepare(
          'UPDATE problems SET status = ?, assignee = ?, updated_at = ?, version = version + 1 WHERE id = ?',
        )
        .run(next, action === 'assign' ? (details.assignee ?? null) : current.assignee, details.at, id);
      const updated = this.problem(id) as Problem;
      const note = action === 'assign' ? `${details.assignee ?? ''} ${details.note}`.trim() : details.note;
      return {
        problem: updated,
        event: this.appendProblemEvent(updated, current.status, next, note, details.at, actor),
      };
    })();
    this.noteChange(details.at);
    this.recordInTimeline(event);
    this.publish({
      event,
      parcel: { ...(this.recordsById.get(problem.parcelId) as ParcelRecord).summary },
      problem,
    });
    return { ok: true, problem, event };
  }

  close(): void {
    this.database.close();
  }
}
