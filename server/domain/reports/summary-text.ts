/** The one-sentence summary that heads each village's line of the daily report, in Chinese and English. */
import type { BilingualMessage } from '../transitions.ts';
import type { DailyReportRow } from './report-types.ts';

function percent(share: number): number {
  return Math.round(share * 100);
}

function points(gap: number): number {
  return Math.round(Math.abs(gap));
}

/** "落后计划 6 个百分点" / "6 points behind plan", from a gap in points (positive = behind). */
function planPhrase(gap: number): BilingualMessage {
  if (points(gap) === 0) return { zh: '与计划持平', en: 'on plan' };
  return gap > 0
    ? { zh: `落后计划 ${points(gap)} 个百分点`, en: `${points(gap)} points behind plan` }
    : { zh: `超前计划 ${points(gap)} 个百分点`, en: `${points(gap)} points ahead of plan` };
}

/**
 * e.g. "今日签约 5 户，累计 82%，落后计划 6 个百分点；今日交地 2 户，累计 40%，超前计划 3 个百分点" /
 * "5 signed today, 82 % cumulative, 6 points behind plan; 2 handed over today, 40 % cumulative, 3 points ahead of plan".
 */
export function summaryText(row: Pick<DailyReportRow, 'signed' | 'handedOver' | 'plan'>): BilingualMessage {
  const signedPlan = row.plan
    ? planPhrase(row.plan.signedGapPoints)
    : { zh: '未设定计划', en: 'no plan set' };
  const handedOverPlan = row.plan ? planPhrase(row.plan.handedOverGapPoints) : null;
  const zh =
    `今日签约 ${row.signed.today} 户，累计 ${percent(row.signed.share)}%，${signedPlan.zh}；` +
    `今日交地 ${row.handedOver.today} 户，累计 ${percent(row.handedOver.share)}%` +
    (handedOverPlan ? `，${handedOverPlan.zh}` : '');
  const en =
    `${row.signed.today} signed today, ${percent(row.signed.share)} % cumulative, ${signedPlan.en}; ` +
    `${row.handedOver.today} handed over today, ${percent(row.handedOver.share)} % cumulative` +
    (handedOverPlan ? `, ${handedOverPlan.en}` : '');
  return { zh, en };
}
