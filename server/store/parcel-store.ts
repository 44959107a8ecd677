/**
 * The store interface. Routes see only this; the GeoPackage store (`geopackage-store.ts`) is the embedded default,
 * and a PostGIS store is the path for deployments that outgrow one machine.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { GaussKrugerZone } from '../domain/areas.ts';
import type { ParcelEvent } from '../domain/events.ts';
import type { ParcelSummary, Village } from '../domain/parcel.ts';
import type { ParcelColumns } from '../domain/parcel-columns.ts';
import type { Problem, ProblemKind } from '../domain/problems.ts';
import type { StatusTimeline } from '../domain/reports/status-timeline.ts';
import type { Axis } from '../domain/statuses.ts';
import type { BilingualMessage } from '../domain/transitions.ts';
import type { User } from '../domain/users.ts';
import type { AccountStore } from './account-store.ts';
import type { CompensationStore } from './compensation-store.ts';
import type { Bounds } from './geopackage/geometry-blob.ts';
import type { PlanStore } from './plan-store.ts';
import type { SurveyImportPlan, SurveyImportResult } from './survey-import.ts';

export type AreaGeometry = Polygon | MultiPolygon;

export interface Park {
  name: string;
  nameEn: string;
  town: string;
  /** YYYY-MM-DD: structures first seen after it are 抢建 and never compensated. */
  announcementDate: string;
  boundary: AreaGeometry;
  bounds: Bounds;
  /** The Gauss-Krüger zone every plane area of this park is measured in. */
  zone: GaussKrugerZone;
}

export interface VillageRecord extends Village {
  geometry: AreaGeometry;
  /** Where the village name is drawn: a point inside the polygon. */
  labelPoint: [number, number];
}

export interface ParcelRecord {
  summary: ParcelSummary;
  geometry: AreaGeometry;
  bounds: Bounds;
  /** Personal data: never served unmasked unless a role allows it. */
  idNumber: string | null;
  phone: string | null;
}

/** One requested status change; `expectedVersion` is the parcel version the client saw (If-Match). */
export interface StatusChange {
  parcelId: number;
  axis: Axis;
  to: string;
  note: string;
  /** When it happened in the field (ISO 8601); defaults to now. */
  at: string;
  expectedVersion?: number;
}

export type ChangeFailure =
  | { parcelId: number; reason: 'not-found'; message: BilingualMessage }
  | { parcelId: number; reason: 'stale'; message: BilingualMessage; current: ParcelSummary }
  | { parcelId: number; reason: 'illegal'; rule: string; message: BilingualMessage; current: ParcelSummary };

export type ChangeResult =
  | { ok: true; events: ParcelEvent[]; parcels: ParcelSummary[] }
  | { ok: false; failures: ChangeFailure[] };

export interface ProblemReport {
  parcelId: number;
  kind: ProblemKind;
  description: string;
  at: string;
}

export type ProblemResult =
  | { ok: true; problem: Problem; event: ParcelEvent }
  | { ok: false; reason: 'not-found' | 'stale' | 'closed'; message: BilingualMessage; current?: Problem };

/** What every open map is told after a commit. */
export interface StoreChange {
  event: ParcelEvent;
  parcel: ParcelSummary;
  problem: Problem | null;
}

export interface EventQuery {
  parcelId?: number;
  /** Only events with a larger id (Last-Event-ID catch-up). */
  afterId?: number;
  limit?: number;
  newestFirst?: boolean;
}

export interface ParcelStore {
  readonly park: Park;
  readonly accounts: AccountStore;
  /** Rate tables, recorded agreements, building exclusions and the 公示 setting. */
  readonly compensation: CompensationStore;
  /** Village plans (target dates and milestones) for the daily report. */
  readonly plans: PlanStore;
  villages(): readonly VillageRecord[];
  /** Every parcel summary, in a stable order (the order of the map's geometry buffer). */
  parcels(): readonly ParcelSummary[];
  /** The same parcels as typed-array columns (statistics), current after every commit. */
  parcelColumns(): ParcelColumns;
  records(): readonly ParcelRecord[];
  parcel(id: number): ParcelRecord | undefined;
  /** Ids of parcels whose bounds intersect the box (spatial index). */
  parcelIdsInBounds(bounds: Bounds): number[];
  /** ISO 8601 time of the latest recorded change: what every statistic is "as of". */
  asOf(): string;
  /** Increments on every committed write; caches and ETags key on it. */
  revision(): number;
  /** Increments only when geometry changes (imports), so a status change does not re-send geometry. */
  geometryRevision(): number;
  /**
   * Applies every change or none, in one SQLite transaction that updates the parcel rows and appends the events;
   * resolves only after the commit is durable;
   * concurrent calls are committed together (group commit). Checks transition rules and versions; not who may make the change.
   */
  applyStatusChanges(changes: readonly StatusChange[], actor: User): Promise<ChangeResult>;
  events(query: EventQuery): ParcelEvent[];
  /**
   * The status and problem event log as typed-array columns, parcel indexes in `parcels()` order: what the daily
   * report and the map "as of" a date replay. Appended on every commit; rebuilt when the parcels are replaced.
   */
  statusTimeline(): StatusTimeline;
  problems(): Problem[];
  problem(id: number): Problem | undefined;
  reportProblem(report: ProblemReport, actor: User): ProblemResult;
  updateProblem(
    id: number,
    action: 'assign' | 'resolve',
    details: { assignee?: string; note: string; at: string; expectedVersion?: number },
    actor: User,
  ): ProblemResult;
  /**
   * Commits a validated survey delivery (matched by parcel code) in one transaction, or nothing; existing parcels
   * keep their statuses and events. Bumps the geometry revision.
   */
  importSurvey(plan: SurveyImportPlan, actor: User): SurveyImportResult;
  /** Called after every commit, in commit order; returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void;
  close(): void;
}
