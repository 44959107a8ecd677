import type { BudgetView } from './compensation-api.ts';
import { money, type PanelLanguage, panelText } from './compensation-text.ts';

/** The what-if budget by village: current, proposal (signed households keep their agreement), proposal for all. */
export function WhatIfTable({ budget, language }: { budget: BudgetView; language: PanelLanguage }) {
  const t = panelText(language);
  const tenThousand = (value: number | null) => (value === null ? '—' : money(language, 2)(value / 10_000));
  const rows = [...budget.rows, budget.total];
  return (
    <table className="what-if" data-testid="what-if-table">
      <thead>
        <tr>
          <th>{t('village')}</th>
          <th className="numeric">{t('households')}</th>
          <th className="numeric">{t('current')}</th>
          <th className="numeric">{t('proposed')}</th>
          <th className="numeric">{t('difference')}</th>
          <th className="numeric">{t('proposedForAll')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{row.name}</td>
            <td className="numeric">{row.households}</td>
            <td className="numeric">{tenThousand(row.currentYuan)}</td>
            <td className="numeric">{tenThousand(row.proposedYuan)}</td>
            <td className="numeric">{tenThousand(row.differenceYuan)}</td>
            <td className="numeric">{tenThousand(row.proposedForAllYuan)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
