import { useRef, useState } from 'react';
import { CONSTANT_PREFIX, targetLabel } from '../../../server/import/mapping.ts';
import { TARGET_FIELDS, type TargetField } from '../../../server/import/source.ts';
import { errorText, type ImportSessionView, importApi } from '../api/client.ts';
import { Dialog } from '../components/dialog.tsx';
import { ImportReport } from './import-report.tsx';
import { type ImportLanguage, importText } from './import-text.ts';
import { useSurveyImport } from './use-survey-import.ts';

type Prepared = NonNullable<ImportSessionView['prepared']>;

const ENCODINGS = ['', 'utf-8', 'gbk'] as const;

/**
 * 导入测绘成果: the command centre uploads a survey delivery, reads the validation report (totals per village to
 * compare with the surveyor's table, every problem with its record), adjusts the field mapping, and commits the
 * whole delivery or nothing.
 */
export function ImportDialog({
  csrfToken,
  language,
  villageNames,
  onClose,
  onImported,
}: {
  csrfToken: string;
  language: ImportLanguage;
  /** The park's villages, offered as "every record is in …" for a file without a village column. */
  villageNames: readonly string[];
  onClose(): void;
  onImported(): void;
}) {
  const text = (key: Parameters<typeof importText>[1], values?: Record<string, string | number>) =>
    importText(language, key, values);
  const { state, start, update, commit, discard } = useSurveyImport(csrfToken);
  const [files, setFiles] = useState<File[]>([]);
  const [removeMissing, setRemoveMissing] = useState(false);

  // The dashboard reloads the park once the dialog is closed: reloading at the commit would unmount the dialog
  // (and its result) with the panels.
  const close = () => {
    if (state.step === 'done') onImported();
    else discard();
    onClose();
  };

  const errorLine = (error: Error | { zh: string; en: string } | null) =>
    error && (
      <p className="import-dialog__error" role="alert" data-testid="import-error">
        {error instanceof Error ? errorText(error, language) : error[language]}
      </p>
    );

  let body: React.ReactNode;
  let footer: React.ReactNode;
  if (state.step === 'choose') {
    body = (
      <div className="import-dialog__choose">
        <p className="import-dialog__hint">{text('fileHint')}</p>
        <label className="import-dialog__file">
          <span>{text('chooseFile')}</span>
          <input
            type="file"
            multiple
            accept=".zip,.shp,.shx,.dbf,.prj,.cpg,.gpkg,.geojson,.json,.geojsonl,.geojsons,.ndjson,.csv,.txt"
            data-testid="import-file"
            onChange={(event) => setFiles([...(event.target.files ?? [])])}
          />
        </label>
        <label className="import-dialog__check">
          <input
            type="checkbox"
            checked={removeMissing}
            onChange={(event) => setRemoveMissing(event.target.checked)}
          />
          {text('removeMissing')}
        </label>
        {errorLine(state.error)}
      </div>
    );
    footer = (
      <>
        <button type="button" className="button button--large" onClick={close}>
          {text('cancel')}
        </button>
        <button
          type="button"
          className="button button--large button--primary"
          disabled={files.length === 0}
          data-testid="import-upload"
          onClick={() => void start(files, removeMissing)}
        >
          {text('upload')}
        </button>
      </>
    );
  } else if (state.step === 'uploading') {
    body = <ProgressLine label={text('uploading')} done={state.loaded} total={state.total} unit="bytes" />;
    footer = null;
  } else if (state.step === 'done') {
    const result = state.result.result;
    if (!result) throw new Error('a committed import has a result');
    body = (
      <p className="import-dialog__done" data-testid="import-done">
        {text('done', {
          added: result.added.count,
          changed: result.changed.count,
          removed: result.removed.count,
          unchanged: result.unchanged,
        })}
      </p>
    );
    footer = (
      <button type="button" className="button button--large button--primary" onClick={close}>
        {text('close')}
      </button>
    );
  } else {
    const { view, busy } = state;
    const prepared = view.prepared;
    const phase = view.progress.phase;
    const working =
      phase === 'reading' || phase === 'validating' || phase === 'uploaded' || phase === 'committing';
    body = (
      <>
        {working && (
          <ProgressLine
            label={text(
              phase === 'committing' ? 'committing' : phase === 'validating' ? 'validating' : 'reading',
            )}
            done={view.progress.done}
            total={view.progress.total}
            unit="records"
          />
        )}
        {phase === 'failed' && view.error && (
          <div className="import-dialog__failed" role="alert" data-testid="import-failed">
            <strong>{text('failed')}</strong>
            <p>
              {view.error[language]}
              {view.error.where ? ` (${view.error.where})` : ''}
            </p>
          </div>
        )}
        {phase === 'failed' && (
          <CrsChoice
            chosen={view.options.crs}
            busy={busy}
            language={language}
            onChoose={(crs) => void update({ crs })}
          />
        )}
        {prepared && !working && (
          <PreparedView
            prepared={prepared}
            villageNames={villageNames}
            view={view}
            language={language}
            busy={busy}
            onUpdate={(options) => void update(options)}
          />
        )}
        {errorLine(state.error)}
      </>
    );
    const canCommit = phase === 'ready' && prepared?.canCommit === true;
    footer = (
      <>
        <button type="button" className="button button--large" onClick={close}>
          {text('cancel')}
        </button>
        <button
          type="button"
          className="button button--large button--primary"
          disabled={!canCommit || busy}
          data-testid="import-commit"
          onClick={() => void commit()}
        >
          {canCommit || working ? text('commit') : text('commitBlocked')}
        </button>
      </>
    );
  }

  return (
    <Dialog title={text('title')} testId="import-dialog" onClose={close} footer={footer}>
      <div className="import-dialog">{body}</div>
    </Dialog>
  );
}

/** The EPSG code of a file that declares no coordinate system; empty: the file's own (or detected) again. */
function CrsChoice({
  chosen,
  busy,
  language,
  onChoose,
}: {
  chosen: number | undefined;
  busy: boolean;
  language: ImportLanguage;
  onChoose(crs: number | null): void;
}) {
  const [draft, setDraft] = useState(chosen === undefined ? '' : String(chosen));
  const code = /^(?:EPSG:)?(\d{4,6})$/i.exec(draft.trim())?.[1];
  const valid = draft.trim() === '' || code !== undefined;
  return (
    <form
      className="import-crs"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onChoose(code === undefined ? null : Number(code));
      }}
    >
      <label>
        <span className="import-dialog__hint">{importText(language, 'crsChoice')}</span>
        <input
          value={draft}
          placeholder="EPSG"
          inputMode="numeric"
          disabled={busy}
          aria-invalid={!valid}
          data-testid="import-crs"
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button type="submit" className="button" disabled={busy || !valid} data-testid="import-crs-apply">
        {importText(language, 'crsApply')}
      </button>
    </form>
  );
}

function ProgressLine({
  label,
  done,
  total,
  unit,
}: {
  label: string;
  done: number;
  total: number;
  unit: 'bytes' | 'records';
}) {
  const share = total > 0 ? Math.min(1, done / total) : null;
  const amount =
    unit === 'bytes'
      ? `${(done / 1024 / 1024).toFixed(1)} / ${(total / 1024 / 1024).toFixed(1)} MB`
      : total > 0
        ? `${done} / ${total}`
        : '';
  return (
    <div className="import-progress" data-testid="import-progress">
      <div className="import-progress__label">
        <span>{label}</span>
        <span>{amount}</span>
      </div>
      <progress max={1} value={share ?? undefined} aria-label={label} />
    </div>
  );
}

function PreparedView({
  prepared,
  villageNames,
  view,
  language,
  busy,
  onUpdate,
}: {
  prepared: Prepared;
  villageNames: readonly string[];
  view: ImportSessionView;
  language: ImportLanguage;
  busy: boolean;
  onUpdate(options: {
    layer?: string;
    encoding?: string;
    crs?: number | null;
    mapping?: Record<string, string | null>;
  }): void;
}) {
  const text = (key: Parameters<typeof importText>[1], values?: Record<string, string | number>) =>
    importText(language, key, values);
  const source = prepared.source;
  const [mapping, setMapping] = useState<Record<string, string | null>>(
    () => prepared.mapping as Record<string, string | null>,
  );
  const mappingFile = useRef<HTMLInputElement>(null);
  const [mappingError, setMappingError] = useState<string | null>(null);
  return (
    <>
      <dl className="import-source" data-testid="import-source">
        <dt>{text('source')}</dt>
        <dd>
          {source.fileName} · {source.format} · {text('records', { count: source.records })}
        </dd>
        <dt>{text('crs')}</dt>
        <dd>
          EPSG:{source.crs.epsg} {source.crs.name}
          {/* Only where the file declares none: the choice never overrides a .prj or an SRS table. */}
          {(source.crs.source === 'detected' || view.options.crs !== undefined) && (
            <CrsChoice
              chosen={view.options.crs}
              busy={busy}
              language={language}
              onChoose={(crs) => onUpdate({ crs })}
            />
          )}
        </dd>
        <dt>{text('encoding')}</dt>
        <dd>
          {prepared.layers.length > 0 && (source.format === 'shapefile' || source.format === 'csv') ? (
            <select
              value={view.options.encoding ?? ''}
              disabled={busy}
              onChange={(event) => onUpdate({ encoding: event.target.value })}
            >
              {ENCODINGS.map((encoding) => (
                <option key={encoding} value={encoding}>
                  {encoding === '' ? `${source.encoding.name} (${source.encoding.source})` : encoding}
                </option>
              ))}
            </select>
          ) : (
            source.encoding.name
          )}
        </dd>
        {prepared.layers.length > 1 && (
          <>
            <dt>{text('layer')}</dt>
            <dd>
              <select
                value={source.layerName}
                disabled={busy}
                onChange={(event) => onUpdate({ layer: event.target.value })}
              >
                {prepared.layers.map((layer) => (
                  <option key={layer.name} value={layer.name}>
                    {layer.name} ({layer.featureCount})
                  </option>
                ))}
              </select>
            </dd>
          </>
        )}
      </dl>
      {source.notes.length > 0 && (
        <ul className="import-notes">
          {source.notes.map((note) => (
            <li key={note.en}>{note[language]}</li>
          ))}
        </ul>
      )}
      <details className="import-mapping" open={prepared.mappingErrors.length > 0}>
        <summary>{text('mapping')}</summary>
        <p className="import-dialog__hint">{text('mappingHint')}</p>
        <table className="import-table">
          <thead>
            <tr>
              <th>{text('targetField')}</th>
              <th>{text('sourceField')}</th>
            </tr>
          </thead>
          <tbody>
            {TARGET_FIELDS.map((target: TargetField) => (
              <tr key={target}>
                <td>{targetLabel(target)[language]}</td>
                <td>
                  <select
                    value={mapping[target] ?? ''}
                    data-testid={`import-mapping-${target}`}
                    onChange={(event) => setMapping({ ...mapping, [target]: event.target.value || null })}
                  >
                    <option value="">{text('notMapped')}</option>
                    {source.fields.map((field) => (
                      <option key={field.name} value={field.name}>
                        {field.name}
                      </option>
                    ))}
                    {target === 'village' && villageNames.length > 0 && (
                      <optgroup label={text('allRecordsIn')}>
                        {villageNames.map((name) => (
                          <option key={name} value={`${CONSTANT_PREFIX}${name}`}>
                            {text('allRecordsIn')} {name}
                          </option>
                        ))}
                      </optgroup>
                    )}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {prepared.mappingErrors.map((error) => (
          <p key={error.en} className="import-dialog__error">
            {error[language]}
          </p>
        ))}
        <div className="import-mapping__actions">
          <button type="button" className="button" disabled={busy} onClick={() => onUpdate({ mapping })}>
            {text('revalidate')}
          </button>
          <a className="button" href={importApi.mappingJsonUrl(view.id)} download>
            {text('saveMapping')}
          </a>
          <button type="button" className="button" onClick={() => mappingFile.current?.click()}>
            {text('loadMapping')}
          </button>
          <input
            ref={mappingFile}
            type="file"
            accept=".json"
            hidden
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              try {
                const parsed = JSON.parse(await file.text()) as { fields?: Record<string, string | null> };
                if (!parsed.fields) throw new Error('"fields"');
                setMapping(parsed.fields);
                setMappingError(null);
                onUpdate({ mapping: parsed.fields });
              } catch (error) {
                setMappingError(error instanceof Error ? error.message : String(error));
              }
            }}
          />
        </div>
        {mappingError && <p className="import-dialog__error">{mappingError}</p>}
      </details>
      {prepared.report && (
        <ImportReport
          report={prepared.report}
          zone={prepared.zone}
          language={language}
          csvUrl={importApi.reportCsvUrl(view.id)}
          removeMissing={view.options.removeMissing === true}
        />
      )}
    </>
  );
}
