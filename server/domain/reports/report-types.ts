/**
 * The wire types of the daily report (日报), the progress series and the village plans. The web imports them from
 * here, so the server and the page read one definition. Types only, and the header names of the status route.
 *
 * Every count is "as of" an instant: the status a household had at that instant, replayed from the event log.
 * "Today" figures are cumulative at the end of the date minus cumulative at the end of the day before (China
 * Standard Time), so a correction that moves a household backwards shows as a negative and the days add up.
 */
import type { BilingualMessage } from '../transitions.ts';

/** 今日 / 累计: households at the end of the day, and the change since the end of the day before. */
export interface TodayAndCumulative {
  /** Cumulative at the end of the date − cumulative at the end of the day before; negative after a correction. */
  today: number;
  cumulative: number;
}

/** 今日 / 累计 / 比例. */
export interface TodayCumulativeShare extends TodayAndCumulative {
  /** cumulative ÷ task households, in [0, 1] (0 when the village has no households). */
  share: number;
}

/** 交地: households and land (亩, plane area) handed over. */
export interface HandedOverFigures extends TodayCumulativeShare {
  /** Plane land area handed over, cumulative, in 亩 (full precision; round to 4 decimals when shown). */
  mu: number;
  /** Plane land area handed over today (same 口径 as `today`), in 亩. */
  todayMu: number;
}

/** 任务: what the village has to clear in total. */
export interface DailyTask {
  households: number;
  /** Plane land area (Gauss-Krüger, the park's zone) in 亩. */
  landMu: number;
  /** Plane land area in ㎡ (the same 口径 as `landMu`). */
  landSquareMetres: number;
  /** Building floor area in ㎡ (parcels without a building count 0). */
  buildingSquareMetres: number;
}

/** One village's plan, as stored (GeoPackage table `plans`). Dates are `YYYY-MM-DD`, China Standard Time. */
export interface PlanMilestone {
  date: string;
  /** Share of households signed by the end of `date`, in [0, 1]. */
  signedShare?: number;
  /** Share of households handed over by the end of `date`, in [0, 1]. */
  handedOverShare?: number;
}

export interface VillagePlan {
  village: string;
  /** Work starts: expected shares are 0 at the end of this day. */
  startDate: string;
  /** 100 % signed by the end of this day. */
  signedBy: string;
  /** 100 % handed over by the end of this day. */
  handedOverBy: string;
  milestones: PlanMilestone[];
  /** Optimistic-concurrency version (If-Match: "v<version>"), +1 on every edit. */
  version: number;
  /** ISO 8601 of the last edit. */
  updatedAt: string;
  /** Username of the last editor. */
  updatedBy: string;
}

/** `PUT /api/plans/:village` body. */
export interface VillagePlanInput {
  startDate: string;
  signedBy: string;
  handedOverBy: string;
  milestones?: PlanMilestone[];
}

/** `GET /api/plans`: one entry per village (plan null where none is set). */
export interface PlansResponse {
  plans: { village: string; name: string; nameEn: string; plan: VillagePlan | null }[];
}

/** 计划: the report date against the village's plan. */
export interface PlanProgress {
  /** Share expected signed by the end of the report date (piecewise-linear through the milestones), [0, 1]. */
  expectedSignedShare: number;
  expectedHandedOverShare: number;
  /** (expected − actual) × 100, in percentage points; positive = behind plan. */
  signedGapPoints: number;
  handedOverGapPoints: number;
  /** True when either actual share is below the expected share. */
  behindPlan: boolean;
  signedDeadline: string;
  /** Days from the report date to the deadline (negative = overdue). */
  signedDaysLeft: number;
  handedOverDeadline: string;
  handedOverDaysLeft: number;
}

/** One row of the daily report: a village, or the park total (`village: 'total'`). */
export interface DailyReportRow {
  /** Village code, e.g. `V03`, or `total`. */
  village: string;
  name: string;
  nameEn: string;
  task: DailyTask;
  /** Households surveyed or beyond (signing status other than 未调查), cumulative. */
  surveyed: number;
  /** 签约: signed or ruled (the 签约率 口径 of the statistics table). */
  signed: TodayCumulativeShare;
  /** 已裁决: of which decided by legal ruling. */
  ruled: TodayAndCumulative;
  /** 腾空: vacated or beyond (vacated, demolished, handed over). */
  vacated: TodayAndCumulative;
  /** 拆除: demolished or handed over (the 拆除率 口径). */
  demolished: TodayAndCumulative;
  /** 交地: handed over. */
  handedOver: HandedOverFigures;
  /** Problems reported by the end of the date and not resolved by then. */
  openProblems: number;
  /** Illegal structures (拆违控违) are not tracked yet: always null until they are. */
  illegalStructures: null;
  /** Null when the village has no plan; for the total, the park plan implied by the villages' plans (household-weighted). */
  plan: PlanProgress | null;
  /** 1 = best; null for the total row. */
  rank: number | null;
  /** e.g. "今日签约 5 户，累计 82%，落后计划 6 个百分点" / "5 signed today, 82 % cumulative, 6 points behind plan". */
  summary: BilingualMessage;
}

/** 口径 of every number in the report. */
export interface DailyReportMeasures {
  asOf: BilingualMessage;
  today: BilingualMessage;
  households: BilingualMessage;
  landArea: BilingualMessage;
  buildingArea: BilingualMessage;
  surveyed: BilingualMessage;
  signed: BilingualMessage;
  ruled: BilingualMessage;
  vacated: BilingualMessage;
  demolished: BilingualMessage;
  handedOver: BilingualMessage;
  openProblems: BilingualMessage;
  illegalStructures: BilingualMessage;
  plan: BilingualMessage;
}

/** `GET /api/reports/daily?date=YYYY-MM-DD`. */
export interface DailyReport {
  /** The report date, `YYYY-MM-DD` in China Standard Time. */
  date: string;
  /** The end of the date (exclusive): `YYYY-MM-(DD+1)T00:00:00+08:00`; every count is the state just before it. */
  asOf: string;
  /** When the report was computed, ISO 8601 with +08:00. */
  generatedAt: string;
  /** True when the date is today (CST): the day is not over and the numbers may still change. */
  provisional: boolean;
  park: { name: string; nameEn: string };
  /** Villages, best first (see `ranking`). */
  rows: DailyReportRow[];
  total: DailyReportRow;
  /** How the villages are ranked. */
  ranking: BilingualMessage;
  measures: DailyReportMeasures;
}

/** One line of the progress chart: a village or `total`. Arrays are parallel to `ProgressSeries.dates`. */
export interface ProgressLine {
  village: string;
  name: string;
  nameEn: string;
  households: number;
  /** Cumulative signed (signed or ruled) households at the end of each day. */
  signed: number[];
  /** Cumulative handed-over households at the end of each day. */
  handedOver: number[];
  /** signed[d] − signed[d − 1] (the first day against the state before any event). */
  signedToday: number[];
  handedOverToday: number[];
  /** Planned shares at the end of each day, [0, 1]; null where the village (or no village, for the total) has no plan. */
  planSignedShare: (number | null)[];
  planHandedOverShare: (number | null)[];
}

/** `GET /api/reports/progress`: one entry per CST day from the first event's date to today. */
export interface ProgressSeries {
  /** The end of the last day (exclusive), ISO with +08:00. */
  asOf: string;
  from: string;
  to: string;
  dates: string[];
  series: ProgressLine[];
}

/** Headers of `GET /api/parcels/status?asOf=` (body: 2 bytes per parcel: signing index, clearance index). */
export const STATUS_AS_OF_HEADERS = {
  asOf: 'X-As-Of',
  parcelCount: 'X-Parcel-Count',
  geometryRevision: 'X-Geometry-Revision',
} as const;
