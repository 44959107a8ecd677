import { useEffect, useState } from 'react';
import type { FairnessReport } from '../../../server/domain/compensation-ledger.ts';
import { findCoded, SIGNING_STATUSES } from '../../../server/domain/statuses.ts';
import { compensationApi } from './compensation-api.ts';
import { money, type PanelLanguage, panelText } from './compensation-text.ts';

const LISTED = 50;

/**
 * 公平性核查 for the command centre: households whose recorded amount differs from the rate table of their signing
 * day, and cadre households that have not signed — what the public board is meant to make impossible to hide.
 * Re-read when `reloadKey` changes (a status change or a new rate table).
 */
export function FairnessPanel({
  language,
  reloadKey,
  onSelectParcel,
}: {
  language: PanelLanguage;
  reloadKey: string;
  onSelectParcel: (parcelId: number) => void;
}) {
  const [report, setReport] = useState<FairnessReport | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloadKey` is the trigger: new data re-reads.
  useEffect(() => {
    let current = true;
    void compensationApi.fairness().then((result) => {
      if (current) setReport(result.ok ? result.value : null);
    });
    return () => {
      current = false;
    };
  }, [reloadKey]);
  if (!report) return null;
  const t = panelText(language);
  const yuan = money(language);
  const fen = (value: number | null) => (value === null ? t('notRecorded') : yuan(value / 100));
  return (
    <section className="panel-section compensation-breakdown" data-testid="fairness-panel">
      <h3>{t('fairness')}</h3>
      <p data-testid="fairness-summary">
        {t('fairnessSummary', {
          checked: report.checkedHouseholds,
          differences: report.differences.length,
          cadre: report.cadreNotSigned.length,
        })}
      </p>
      <h4>{t('fairnessDifferences')}</h4>
      {report.differences.length === 0 ? (
        <p>{t('fairnessNone')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('village')}</th>
              <th>{t('line')}</th>
              <th>{t('recorded')}</th>
              <th>{t('computed')}</th>
            </tr>
          </thead>
          <tbody>
            {report.differences.slice(0, LISTED).map((row) => (
              <tr key={row.parcelId} onClick={() => onSelectParcel(row.parcelId)}>
                <td>{row.village}</td>
                <td>
                  {row.code} {row.holder}
                </td>
                <td>{fen(row.recordedFen)}</td>
                <td>{fen(row.computedFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('fairnessCadre')}</h4>
      {report.cadreNotSigned.length === 0 ? (
        <p>{t('fairnessNone')}</p>
      ) : (
        <ul className="fairness-cadre">
          {report.cadreNotSigned.slice(0, LISTED).map((row) => (
            <li key={row.parcelId}>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => onSelectParcel(row.parcelId)}
              >
                {row.village} · {row.code} · {row.holder} ·{' '}
                {findCoded(SIGNING_STATUSES, row.signing)?.[language] ?? row.signing}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
