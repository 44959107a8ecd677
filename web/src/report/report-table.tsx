import type { ReactNode } from 'react';
import type { DailyReportRow } from '../../../server/domain/reports/report-types.ts';
import { useReportTools, villageName } from './report-context.ts';
import { planCells, type ReportTableRow, todayText } from './report-model.ts';

/**
 * 分村进度: the two-level table (签约: 今日/累计/比例; 交地: 今日/累计户/累计亩/比例; 计划: 应完成/差距/倒计时), villages
 * ranked, rows behind plan marked, 合计 last. The screen and every printed sheet use this one component.
 */
export function ReportTable({
  rows,
  caption,
  planAction,
}: {
  rows: readonly ReportTableRow[];
  caption?: ReactNode;
  /** hq: a 计划 button per village row. */
  planAction?: (row: DailyReportRow) => ReactNode;
}) {
  const { t } = useReportTools();
  return (
    <table className="report-table" data-testid="report-table">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th rowSpan={2} scope="col">
            {t('rank')}
          </th>
          <th rowSpan={2} scope="col" className="report-table__village">
            {t('village')}
          </th>
          <th colSpan={3} scope="colgroup">
            {t('task')}
          </th>
          <th rowSpan={2} scope="col">
            {t('surveyed')}
          </th>
          <th colSpan={3} scope="colgroup">
            {t('signed')}
          </th>
          <th rowSpan={2} scope="col">
            {t('ruled')}
          </th>
          <th rowSpan={2} scope="col">
            {t('vacated')}
          </th>
          <th rowSpan={2} scope="col">
            {t('demolished')}
          </th>
          <th colSpan={4} scope="colgroup">
            {t('handedOver')}
          </th>
          <th colSpan={3} scope="colgroup">
            {t('plan')}
          </th>
          <th rowSpan={2} scope="col">
            {t('openProblems')}
          </th>
          <th rowSpan={2} scope="col" title={t('notTracked')}>
            {t('illegalStructures')}
          </th>
        </tr>
        <tr>
          <th scope="col">{t('taskHouseholds')}</th>
          <th scope="col">{t('taskLandMu')}</th>
          <th scope="col">{t('taskBuilding')}</th>
          <th scope="col">{t('today_')}</th>
          <th scope="col">{t('cumulative')}</th>
          <th scope="col">{t('share')}</th>
          <th scope="col">{t('today_')}</th>
          <th scope="col">{t('cumulativeHouseholds')}</th>
          <th scope="col">{t('cumulativeMu')}</th>
          <th scope="col">{t('share')}</th>
          <th scope="col">{t('expected')}</th>
          <th scope="col">{t('gap')}</th>
          <th scope="col">{t('countdown')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((entry) => (
          <ReportRow key={entry.row.village} entry={entry} planAction={planAction} />
        ))}
      </tbody>
    </table>
  );
}

function Pair({ lines, behind }: { lines: [string, string]; behind?: [boolean, boolean] }) {
  const { t } = useReportTools();
  return (
    <>
      <span className={`report-pair${behind?.[0] ? ' report-pair--behind' : ''}`}>
        <abbr title={t('signed')}>{t('planSignedShort')}</abbr> {lines[0]}
      </span>
      <span className={`report-pair${behind?.[1] ? ' report-pair--behind' : ''}`}>
        <abbr title={t('handedOver')}>{t('planHandedOverShort')}</abbr> {lines[1]}
      </span>
    </>
  );
}

/** A cumulative count with today's change under it, for the columns that have no "today" column of their own. */
function WithToday({ cumulative, today }: { cumulative: number; today: number }) {
  const { formats } = useReportTools();
  return (
    <>
      <span>{formats.integer(cumulative)}</span>
      {today !== 0 && <span className="report-today">{todayText(today, formats.integer)}</span>}
    </>
  );
}

function ReportRow({
  entry,
  planAction,
}: {
  entry: ReportTableRow;
  planAction?: (row: DailyReportRow) => ReactNode;
}) {
  const tools = useReportTools();
  const { t, formats } = tools;
  const { row } = entry;
  const plan = planCells(row.plan, t, formats.percent);
  const className = [
    'report-row',
    entry.isTotal && 'report-row--total',
    entry.behindPlan && 'report-row--behind',
  ]
    .filter(Boolean)
    .join(' ');
  const cell = (key: string, content: ReactNode, extra = '') => (
    <td className={`report-number ${extra}`} data-testid={`report-cell-${key}`}>
      {content}
    </td>
  );
  return (
    <tr
      className={className}
      data-testid="report-row"
      data-village={row.village}
      data-behind={entry.behindPlan}
    >
      <td className="report-rank" data-testid="report-cell-rank">
        {row.rank ?? ''}
      </td>
      <th scope="row" className="report-table__village">
        <span className="report-village-name">{entry.isTotal ? t('total') : villageName(row, tools)}</span>
        {entry.behindPlan && <span className="report-behind-mark">{t('behindPlan')}</span>}
        {planAction && !entry.isTotal ? planAction(row) : null}
      </th>
      {cell('task-households', formats.integer(row.task.households))}
      {cell('task-mu', formats.mu(row.task.landMu))}
      {cell('task-building', formats.squareMetres(row.task.buildingSquareMetres))}
      {cell('surveyed', formats.integer(row.surveyed))}
      {cell('signed-today', todayText(row.signed.today, formats.integer))}
      {cell('signed-cumulative', formats.integer(row.signed.cumulative))}
      {cell('signed-share', formats.percent(row.signed.share), 'report-share')}
      {cell('ruled', <WithToday {...row.ruled} />, 'report-stack')}
      {cell('vacated', <WithToday {...row.vacated} />, 'report-stack')}
      {cell('demolished', <WithToday {...row.demolished} />, 'report-stack')}
      {cell('handed-over-today', todayText(row.handedOver.today, formats.integer))}
      {cell('handed-over-cumulative', formats.integer(row.handedOver.cumulative))}
      {cell('handed-over-mu', formats.mu(row.handedOver.mu))}
      {cell('handed-over-share', formats.percent(row.handedOver.share), 'report-share')}
      {plan ? (
        <>
          {cell('plan-expected', <Pair lines={plan.expected} />, 'report-stack')}
          {cell('plan-gap', <Pair lines={plan.gap} behind={plan.behind} />, 'report-stack')}
          {cell('plan-countdown', <Pair lines={plan.countdown} />, 'report-stack')}
        </>
      ) : (
        <td colSpan={3} className="report-no-plan" data-testid="report-cell-plan-none">
          {t('noPlan')}
        </td>
      )}
      {cell('open-problems', formats.integer(row.openProblems))}
      <td className="report-number" title={t('notTracked')} data-testid="report-cell-illegal">
        {row.illegalStructures === null ? '—' : formats.integer(row.illegalStructures)}
      </td>
    </tr>
  );
}
