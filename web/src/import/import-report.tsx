import { useState } from 'react';
import type { ImportSessionView } from '../api/client.ts';
import { numberFormats } from '../format/numbers.ts';
import { type ImportLanguage, importText } from './import-text.ts';

type Report = NonNullable<NonNullable<ImportSessionView['prepared']>['report']>;
type Totals = Report['total'];
type Severity = Report['findings'][number]['severity'];

const SEVERITY_LABEL: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'Error' },
  warning: { zh: '警告', en: 'Warning' },
  info: { zh: '提示', en: 'Note' },
};

/**
 * The validation report before anything is written: counts, per-village totals in 户, ㎡ and 亩 (registered,
 * ellipsoidal, plane — to compare with the surveyor's own table), what changes against the store, and every
 * finding with its record.
 */
export function ImportReport({
  report,
  zone,
  language,
  csvUrl,
  removeMissing,
}: {
  removeMissing: boolean;
  report: Report;
  zone: { epsg: number; centralMeridian: number };
  language: ImportLanguage;
  csvUrl: string;
}) {
  const text = (key: Parameters<typeof importText>[1], values?: Record<string, string | number>) =>
    importText(language, key, values);
  const format = numberFormats(language);
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const findings = report.findings.filter((finding) => severity === 'all' || finding.severity === severity);
  const totalsRow = (totals: Totals, label: string, key: string) => (
    <tr key={key} className={key === 'total' ? 'import-table__total' : undefined}>
      <th scope="row">{label}</th>
      <td>{format.integer(totals.households)}</td>
      <td>{format.squareMetres(totals.surveyArea.squareMetres)}</td>
      <td>{format.mu(totals.surveyArea.mu)}</td>
      <td>{format.squareMetres(totals.ellipsoidArea.squareMetres)}</td>
      <td>{format.mu(totals.ellipsoidArea.mu)}</td>
      <td>{format.squareMetres(totals.planeArea.squareMetres)}</td>
      <td>{format.mu(totals.planeArea.mu)}</td>
      <td>{format.squareMetres(totals.buildingAreaSquareMetres)}</td>
    </tr>
  );
  return (
    <section className="import-report" data-testid="import-report">
      <div className="import-report__head">
        <h3>{text('report')}</h3>
        <a className="button" href={csvUrl} download data-testid="import-report-csv">
          {text('downloadReport')}
        </a>
      </div>
      <ul className="import-report__counts">
        <li className={report.counts.errors > 0 ? 'import-count import-count--error' : 'import-count'}>
          {text('errors')} <strong data-testid="import-errors">{report.counts.errors}</strong>
        </li>
        <li className={report.counts.warnings > 0 ? 'import-count import-count--warning' : 'import-count'}>
          {text('warnings')} <strong>{report.counts.warnings}</strong>
        </li>
        <li className="import-count">
          {text('repaired')} <strong>{report.counts.repaired}</strong>
        </li>
        <li className="import-count">
          {text('added')} <strong>{report.diff.added}</strong> · {text('changed')}{' '}
          <strong>{report.diff.changed}</strong> · {text('unchanged')}{' '}
          <strong>{report.diff.unchanged}</strong> · {text(removeMissing ? 'removed' : 'kept')}{' '}
          <strong>{report.diff.removed}</strong>
          {report.diff.otherVillages > 0 && (
            <>
              {' '}
              · {text('otherVillages')} <strong>{report.diff.otherVillages}</strong>
            </>
          )}
        </li>
      </ul>

      <h4>{text('totals')}</h4>
      <div className="import-table__scroll">
        <table className="import-table import-table--numbers" data-testid="import-totals">
          <thead>
            <tr>
              <th rowSpan={2}>{text('village')}</th>
              <th rowSpan={2}>{text('households')}</th>
              <th colSpan={2}>{text('surveyArea')}</th>
              <th colSpan={2}>{text('ellipsoidArea')}</th>
              <th colSpan={2}>{text('planeArea')}</th>
              <th>{text('buildingArea')}</th>
            </tr>
            <tr>
              <th>{text('squareMetres')}</th>
              <th>{text('mu')}</th>
              <th>{text('squareMetres')}</th>
              <th>{text('mu')}</th>
              <th>{text('squareMetres')}</th>
              <th>{text('mu')}</th>
              <th>{text('squareMetres')}</th>
            </tr>
          </thead>
          <tbody>
            {/* The park's villages this delivery has no parcel in are left out (the CSV lists every village). */}
            {report.villages
              .filter((village) => village.households > 0)
              .map((village) => totalsRow(village, village.name || village.village, village.village))}
            {totalsRow(report.total, text('total'), 'total')}
          </tbody>
        </table>
      </div>
      <p className="import-dialog__hint">
        {text('planeZone', { meridian: zone.centralMeridian, epsg: zone.epsg })}
      </p>

      <div className="import-report__head">
        <h4>{text('findings')}</h4>
        <select
          value={severity}
          onChange={(event) => setSeverity(event.target.value as Severity | 'all')}
          aria-label={text('severity')}
        >
          <option value="all">{text('all')}</option>
          {(['error', 'warning', 'info'] as const).map((level) => (
            <option key={level} value={level}>
              {SEVERITY_LABEL[level][language]}
            </option>
          ))}
        </select>
      </div>
      {report.findingsTotal > report.findingsShown && (
        <p className="import-dialog__hint">
          {text('showing', { shown: report.findingsShown, total: report.findingsTotal })}
        </p>
      )}
      <div className="import-table__scroll import-table__scroll--findings">
        <table className="import-table" data-testid="import-findings">
          <thead>
            <tr>
              <th>{text('severity')}</th>
              <th>{text('record')}</th>
              <th>{text('code')}</th>
              <th>{text('message')}</th>
            </tr>
          </thead>
          <tbody>
            {findings.length === 0 && (
              <tr>
                <td colSpan={4}>{text('noFindings')}</td>
              </tr>
            )}
            {findings.map((finding, index) => (
              <tr
                // Findings have no id; their position in the server's ordered list is stable for one report.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                className={`import-finding import-finding--${finding.severity}`}
              >
                <td>
                  {SEVERITY_LABEL[finding.severity][language]}
                  {finding.repaired ? ` · ${text('repaired')}` : ''}
                </td>
                <td>{finding.recordIndex === null ? '—' : finding.recordIndex + 1}</td>
                <td>{finding.code ?? '—'}</td>
                <td>{finding[language]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
