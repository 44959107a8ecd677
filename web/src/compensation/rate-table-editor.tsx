import { useState } from 'react';
import type { RateTable, RateTableContent } from '../../../server/domain/rates.ts';
import { LAND_CLASSES, STRUCTURES } from '../../../server/domain/statuses.ts';
import type { ErrorDetail } from '../../../server/routes/errors.ts';
import type { ApiResult, BudgetView } from './compensation-api.ts';
import { type PanelLanguage, panelText } from './compensation-text.ts';
import { WhatIfTable } from './what-if-table.tsx';
import './compensation.css';

interface RateTableEditorProps {
  /** The version in effect today: the form starts from it. */
  current: RateTable | undefined;
  earliestEffectiveDate: string;
  language: PanelLanguage;
  /** `compensationApi.whatIf(draft, csrfToken)`: writes nothing. */
  onPreview: (draft: Record<string, unknown>) => Promise<ApiResult<BudgetView>>;
  /** `compensationApi.publish(draft, csrfToken)`. */
  onPublish: (draft: Record<string, unknown>) => Promise<ApiResult<{ table: RateTable }>>;
}

/** Field path (`land.farmland`) → text in the input, so an emptied field is sent as missing, never as 0. */
type Draft = Record<string, string>;

const RATE_FIELDS = [
  ...LAND_CLASSES.map((entry) => ({ path: `land.${entry.code}`, entry, group: 'landRates' as const })),
  ...STRUCTURES.map((entry) => ({ path: `building.${entry.code}`, entry, group: 'buildingRates' as const })),
];

function draftFrom(table: RateTable | undefined, effectiveDate: string): Draft {
  const draft: Draft = {
    title: table ? `${table.title}` : '',
    effectiveDate,
    relocationPerHousehold: table ? String(table.relocationPerHousehold) : '',
    'earlySigning.bonusPerHousehold': table ? String(table.earlySigning.bonusPerHousehold) : '',
    'earlySigning.deadline': table?.earlySigning.deadline ?? '',
    note: '',
  };
  for (const field of RATE_FIELDS) {
    const [category, code] = field.path.split('.') as ['land' | 'building', string];
    const value = table ? (table[category] as Record<string, number>)[code] : undefined;
    draft[field.path] = value === undefined ? '' : String(value);
  }
  return draft;
}

/** The request body: numbers where numbers belong; empty fields left out so the server names them as missing. */
function bodyFrom(draft: Draft): Partial<RateTableContent> & Record<string, unknown> {
  const number = (text: string | undefined) =>
    text === undefined || text.trim() === '' ? undefined : Number(text);
  const group = (prefix: 'land' | 'building') =>
    Object.fromEntries(
      RATE_FIELDS.filter((field) => field.path.startsWith(`${prefix}.`)).flatMap((field) => {
        const value = number(draft[field.path]);
        return value === undefined ? [] : [[field.path.slice(prefix.length + 1), value]];
      }),
    );
  return {
    title: draft.title,
    effectiveDate: draft.effectiveDate,
    land: group('land'),
    building: group('building'),
    relocationPerHousehold: number(draft.relocationPerHousehold),
    earlySigning: {
      bonusPerHousehold: number(draft['earlySigning.bonusPerHousehold']),
      deadline: draft['earlySigning.deadline'],
    },
    note: draft.note,
  } as Partial<RateTableContent> & Record<string, unknown>;
}

/**
 * The command centre's rate-table form: start from the table in force, change rates, run the what-if (per-village
 * budget, nothing saved), then publish a new version. The server validates; its bilingual field errors are shown
 * under the fields they name.
 */
export function RateTableEditor(props: RateTableEditorProps) {
  const { current, earliestEffectiveDate, language, onPreview, onPublish } = props;
  const t = panelText(language);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(current, earliestEffectiveDate));
  const [errors, setErrors] = useState<ErrorDetail[]>([]);
  const [preview, setPreview] = useState<BudgetView>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const errorFor = (path: string) => errors.find((error) => error.field === path);

  async function run(action: 'preview' | 'publish') {
    setBusy(true);
    setMessage('');
    try {
      const body = bodyFrom(draft);
      if (action === 'preview') {
        const result = await onPreview(body);
        setErrors(result.ok ? [] : result.error.details);
        if (result.ok) setPreview(result.value);
      } else {
        const result = await onPublish(body);
        setErrors(result.ok ? [] : result.error.details);
        setMessage(result.ok ? t('published', { version: result.value.table.version }) : result.error.error);
      }
    } finally {
      setBusy(false);
    }
  }

  const input = (path: string, label: string, type: 'text' | 'number' | 'date' = 'number') => {
    const error = errorFor(path);
    return (
      <label key={path} className="rate-editor-field">
        <span>{label}</span>
        <input
          type={type}
          step={type === 'number' ? '0.01' : undefined}
          min={type === 'number' ? 0 : undefined}
          value={draft[path] ?? ''}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setDraft({ ...draft, [path]: event.target.value })}
          data-testid={`rate-field-${path}`}
        />
        {error ? <span className="rate-editor-error">{error[language]}</span> : null}
      </label>
    );
  };

  return (
    <section className="rate-editor" data-testid="rate-table-editor">
      <h3>{t('editor')}</h3>
      {input('title', t('title'), 'text')}
      {input('effectiveDate', t('effectiveDate'), 'date')}
      <p className="compensation-meta">{t('effectiveHint', { date: earliestEffectiveDate })}</p>
      {(['landRates', 'buildingRates'] as const).map((group) => (
        <fieldset key={group}>
          <legend>{t(group)}</legend>
          {RATE_FIELDS.filter((field) => field.group === group).map((field) =>
            input(field.path, field.entry[language]),
          )}
        </fieldset>
      ))}
      {input('relocationPerHousehold', t('relocation'))}
      {input('earlySigning.bonusPerHousehold', t('bonus'))}
      {input('earlySigning.deadline', t('deadline'), 'date')}
      {input('note', t('note'), 'text')}
      <div className="rate-editor-actions">
        <button type="button" disabled={busy} onClick={() => run('preview')} data-testid="rate-preview">
          {t('preview')}
        </button>
        <button type="button" disabled={busy} onClick={() => run('publish')} data-testid="rate-publish">
          {t('publish')}
        </button>
      </div>
      {message ? <p className="compensation-meta">{message}</p> : null}
      {preview ? <WhatIfTable budget={preview} language={language} /> : null}
    </section>
  );
}
