/**
 * The daily report (日报) for any date, replayed from the event log: every count is the state at the end of the date
 * (China Standard Time), "today" is that minus the state at the end of the day before. Pure: the caller hands in
 * the parcels' facts, the timeline, the current statuses, the plans and the clock.
 */
import type { GaussKrugerZone } from '../areas.ts';
import {
  addDays,
  chinaDate,
  chinaDayEnd,
  chinaIsoString,
  daysBetween,
  isCalendarDate,
} from '../china-time.ts';
import { describeMeasures } from '../statistics.ts';
import type { BilingualMessage } from '../transitions.ts';
import { squareMetresToMu } from '../units.ts';
import { expectedShare } from './plans.ts';
import { countByVillage, type ReportParcels, type StatusCounts } from './report-parcels.ts';
import type {
  DailyReport,
  DailyReportMeasures,
  DailyReportRow,
  PlanProgress,
  VillagePlan,
} from './report-types.ts';
import {
  openProblemsBefore,
  type StatusArrays,
  type StatusTimeline,
  statusesBefore,
} from './status-timeline.ts';
import { summaryText } from './summary-text.ts';

export interface DailyReportInput {
  /** `YYYY-MM-DD`, China Standard Time; check it first with `reportDateError`. */
  date: string;
  now: Date;
  park: { name: string; nameEn: string };
  zone: GaussKrugerZone;
  facts: ReportParcels;
  timeline: StatusTimeline;
  current: StatusArrays;
  plans: ReadonlyMap<string, VillagePlan>;
}

export const RANKING_RULE: BilingualMessage = {
  zh: '按签约率从高到低排名；签约率相同按交地率，再按村编码',
  en: 'Ranked by signed share, highest first; ties by handed-over share, then by village code',
};

/** The first date a report can be asked for: the CST date of the park's first status event (null: no events). */
export function firstReportDate(timeline: StatusTimeline): string | null {
  return Number.isFinite(timeline.firstAt) ? chinaDate(timeline.firstAt) : null;
}

/** Why a report date cannot be served (not a date, after today, before the first event), or null when it can. */
export function reportDateError(
  date: string,
  today: string,
  firstDate: string | null,
): BilingualMessage | null {
  if (!isCalendarDate(date))
    return { zh: `日期“${date}”无效，应为 YYYY-MM-DD`, en: `"${date}" is not a valid date (YYYY-MM-DD)` };
  if (date > today)
    return {
      zh: `日期 ${date} 晚于今天（${today}，北京时间）`,
      en: `${date} is after today (${today}, China time)`,
    };
  if (firstDate !== null && date < firstDate)
    return {
      zh: `日期 ${date} 早于本园区的第一条状态记录（${firstDate}）`,
      en: `${date} is before the park's first status change (${firstDate})`,
    };
  return null;
}

export function describeDailyMeasures(zone: GaussKrugerZone): DailyReportMeasures {
  const base = describeMeasures(zone);
  return {
    asOf: {
      zh: '截至时点：报表日期次日 00:00（北京时间，不含）；各数为该时点各户的状态，由状态变更记录按现场发生时间回放得出',
      en: 'As of: 00:00 China Standard Time on the day after the report date (exclusive); every number is the households’ state at that instant, replayed from the status-change log by field time',
    },
    today: {
      zh: '今日 = 报表日期末累计 − 前一日末累计（北京时间）；更正（状态回退）记为负数，各日之和等于累计',
      en: 'Today = cumulative at the end of the report date − cumulative at the end of the day before (China time); a correction that moves a household back counts as negative, so the days add up to the cumulative',
    },
    households: {
      zh: '任务户数：本村全部地块数（一户一宗地）',
      en: 'Task households: every parcel of the village (one parcel per household)',
    },
    landArea: {
      zh: `任务面积（亩、㎡）与交地面积（亩）：${base.planeArea.zh}`,
      en: `Task land area (mu, ㎡) and land handed over (mu): ${base.planeArea.en}`,
    },
    buildingArea: base.buildingArea,
    surveyed: {
      zh: '已调查：签约状态为已调查、已评估、已签约或已裁决的户数（累计）',
      en: 'Surveyed: households surveyed, appraised, signed or ruled (cumulative)',
    },
    signed: {
      zh: `签约：已签约＋已裁决户数；${base.signedShare.zh}`,
      en: `Signed: signed + ruled households; ${base.signedShare.en}`,
    },
    ruled: { zh: '裁决：其中依法裁决的户数', en: 'Ruled: of which decided by legal ruling' },
    vacated: {
      zh: '腾空：已腾空、已拆除、已交地的户数（无房屋的地块直接交地，也计入）',
      en: 'Vacated: households vacated, demolished or handed over (parcels without a building go straight to handed over and count too)',
    },
    demolished: {
      zh: '拆除：已拆除＋已交地户数（与拆除率口径相同）',
      en: 'Demolished: demolished + handed-over households (the cleared-share measure)',
    },
    handedOver: {
      zh: `交地：已交地户数及其平面面积（亩）；${base.handedOverShare.zh}`,
      en: `Handed over: handed-over households and their plane area (mu); ${base.handedOverShare.en}`,
    },
    openProblems: {
      zh: '未办结问题：截至时点已上报、尚未办结（待处理或已分派）的问题数',
      en: 'Open problems: problems reported by the as-of instant and not resolved by then (open or assigned)',
    },
    illegalStructures: {
      zh: '违建：拆违控违台账尚未建立，暂不统计（为空）',
      en: 'Illegal structures: not tracked yet, so empty (null)',
    },
    plan: {
      zh: '计划：应完成比例按开始日期（0%）、阶段目标、完成日期（100%）逐日线性插值；差距 = 应完成 − 实际（百分点，正数为落后）；剩余天数 = 完成日期 − 报表日期（负数为已逾期）；合计行按户数加权，仅在各村均有计划时给出',
      en: 'Plan: the expected share is interpolated day by day from the start date (0 %) through the milestones to the target date (100 %); gap = expected − actual (percentage points, positive = behind); days left = target date − report date (negative = overdue); the total is household-weighted and given only when every village has a plan',
    },
  };
}

function share(count: number, households: number): number {
  return households === 0 ? 0 : count / households;
}

/** Gaps within a billionth of a point are rounding noise, not "behind plan". */
const GAP_TOLERANCE_POINTS = 1e-9;

function planProgress(
  expected: { signed: number; handedOver: number },
  actual: { signed: number; handedOver: number },
  deadlines: { signedBy: string; handedOverBy: string },
  date: string,
): PlanProgress {
  const signedGapPoints = (expected.signed - actual.signed) * 100;
  const handedOverGapPoints = (expected.handedOver - actual.handedOver) * 100;
  return {
    expectedSignedShare: expected.signed,
    expectedHandedOverShare: expected.handedOver,
    signedGapPoints,
    handedOverGapPoints,
    behindPlan: signedGapPoints > GAP_TOLERANCE_POINTS || handedOverGapPoints > GAP_TOLERANCE_POINTS,
    signedDeadline: deadlines.signedBy,
    signedDaysLeft: daysBetween(date, deadlines.signedBy),
    handedOverDeadline: deadlines.handedOverBy,
    handedOverDaysLeft: daysBetween(date, deadlines.handedOverBy),
  };
}

function reportRow(
  village: { code: string; name: string; nameEn: string },
  end: StatusCounts,
  dayBefore: StatusCounts,
  openProblems: number,
  plan: PlanProgress | null,
): DailyReportRow {
  const households = end.households;
  const row: Omit<DailyReportRow, 'summary'> = {
    village: village.code,
    name: village.name,
    nameEn: village.nameEn,
    task: {
      households,
      landMu: squareMetresToMu(end.landSquareMetres),
      landSquareMetres: end.landSquareMetres,
      buildingSquareMetres: end.buildingSquareMetres,
    },
    surveyed: end.surveyed,
    signed: {
      today: end.signed - dayBefore.signed,
      cumulative: end.signed,
      share: share(end.signed, households),
    },
    ruled: { today: end.ruled - dayBefore.ruled, cumulative: end.ruled },
    vacated: { today: end.vacated - dayBefore.vacated, cumulative: end.vacated },
    demolished: { today: end.demolished - dayBefore.demolished, cumulative: end.demolished },
    handedOver: {
      today: end.handedOver - dayBefore.handedOver,
      cumulative: end.handedOver,
      share: share(end.handedOver, households),
      mu: squareMetresToMu(end.handedOverSquareMetres),
      todayMu: squareMetresToMu(end.handedOverSquareMetres - dayBefore.handedOverSquareMetres),
    },
    openProblems,
    illegalStructures: null,
    plan,
    rank: null,
  };
  return { ...row, summary: summaryText(row) };
}

/**
 * The park's plan line as the household-weighted mean of the villages' plans, when every village with households
 * has one (otherwise there is no park plan to compare with). Deadlines are the latest village's.
 */
export function parkPlanShares(
  households: readonly number[],
  plans: readonly (VillagePlan | undefined)[],
  date: string,
): { signed: number; handedOver: number; signedBy: string; handedOverBy: string } | null {
  let total = 0;
  let signed = 0;
  let handedOver = 0;
  let signedBy = '';
  let handedOverBy = '';
  for (let index = 0; index < households.length; index++) {
    const count = households[index] as number;
    if (count === 0) continue;
    const plan = plans[index];
    if (!plan) return null;
    total += count;
    signed += count * expectedShare(plan, 'signed', date);
    handedOver += count * expectedShare(plan, 'handedOver', date);
    if (plan.signedBy > signedBy) signedBy = plan.signedBy;
    if (plan.handedOverBy > handedOverBy) handedOverBy = plan.handedOverBy;
  }
  if (total === 0) return null;
  return { signed: signed / total, handedOver: handedOver / total, signedBy, handedOverBy };
}

export function buildDailyReport(input: DailyReportInput): DailyReport {
  const { date, facts, timeline, current } = input;
  const end = chinaDayEnd(date);
  const dayBeforeEnd = chinaDayEnd(addDays(date, -1));
  const atEnd = countByVillage(facts, statusesBefore(timeline, current, end));
  const atDayBefore = countByVillage(facts, statusesBefore(timeline, current, dayBeforeEnd));
  const problemsByVillage = facts.villages.map(() => 0);
  for (const parcelIndex of openProblemsBefore(timeline, end).values()) {
    const village = facts.villageIndex[parcelIndex] as number;
    problemsByVillage[village] = (problemsByVillage[village] as number) + 1;
  }
  const plans = facts.villages.map((village) => input.plans.get(village.code));
  const rows = facts.villages.map((village, index) => {
    const counts = atEnd.villages[index] as StatusCounts;
    const plan = plans[index];
    const progress = plan
      ? planProgress(
          {
            signed: expectedShare(plan, 'signed', date),
            handedOver: expectedShare(plan, 'handedOver', date),
          },
          {
            signed: share(counts.signed, counts.households),
            handedOver: share(counts.handedOver, counts.households),
          },
          plan,
          date,
        )
      : null;
    return reportRow(
      village,
      counts,
      atDayBefore.villages[index] as StatusCounts,
      problemsByVillage[index] as number,
      progress,
    );
  });
  rows.sort(
    (left, right) =>
      right.signed.share - left.signed.share ||
      right.handedOver.share - left.handedOver.share ||
      left.village.localeCompare(right.village),
  );
  rows.forEach((row, index) => {
    row.rank = index + 1;
  });
  const parkPlan = parkPlanShares(
    atEnd.villages.map((counts) => counts.households),
    plans,
    date,
  );
  const totalProgress = parkPlan
    ? planProgress(
        parkPlan,
        {
          signed: share(atEnd.total.signed, atEnd.total.households),
          handedOver: share(atEnd.total.handedOver, atEnd.total.households),
        },
        parkPlan,
        date,
      )
    : null;
  const total = reportRow(
    { code: 'total', name: '合计', nameEn: 'Total' },
    atEnd.total,
    atDayBefore.total,
    problemsByVillage.reduce((sum, count) => sum + count, 0),
    totalProgress,
  );
  return {
    date,
    asOf: chinaIsoString(end),
    generatedAt: chinaIsoString(input.now),
    provisional: date === chinaDate(input.now),
    park: input.park,
    rows,
    total,
    ranking: RANKING_RULE,
    measures: describeDailyMeasures(input.zone),
  };
}
