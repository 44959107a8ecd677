import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { AXES, type Axis, STATUSES_BY_AXIS } from '../../../server/domain/statuses.ts';
import type { Role } from '../../../server/domain/transitions.ts';
import { ApiError, type BulkChangeResult, errorText, type StatusChangeRequest } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { initialWhen, readWhen } from '../state/field-time.ts';
import { bulkSelection, previewBulkChange } from '../state/transition-options.ts';
import { Dialog } from './dialog.tsx';
import { AxisField, DialogFooter, FormError, NoteField } from './dialog-parts.tsx';
import { WhenField } from './when-field.tsx';

/** `POST /api/transitions/bulk` takes at most this many parcels (server/routes/changes.ts). */
export const BULK_LIMIT = 5000;
const FAILURES_SHOWN = 20;
const REASONS_SHOWN = 3;

interface ShownFailure {
  parcelId: number;
  code: string;
  holder: string;
  message: { zh: string; en: string };
}

/**
 * 批量修改 (hq): one status change for every parcel the filter shows, all or nothing on the server. Before sending,
 * the domain rule is checked for each parcel so the command centre sees how many would be refused, and may leave
 * those out; a refusal from the server lists each parcel with its rule.
 */
export function BulkTransitionDialog({
  parcels,
  role,
  preferredAxis,
  onSubmit,
  onClose,
}: {
  /** The parcels the current filter shows. */
  parcels: readonly ParcelSummary[];
  role: Role;
  preferredAxis: Axis;
  onSubmit(parcelIds: number[], change: StatusChangeRequest): Promise<BulkChangeResult>;
  onClose(): void;
}) {
  const { t, label, language, formats } = useLanguage();
  const [axis, setAxis] = useState<Axis>(preferredAxis);
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(initialWhen);
  const [skipRefused, setSkipRefused] = useState(true);
  const [includeCorrections, setIncludeCorrections] = useState(false);
  const failuresRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState<ShownFailure[] | null>(null);
  const [failureCount, setFailureCount] = useState(0);
  const [busy, setBusy] = useState(false);

  const counts = useMemo(
    () =>
      new Map(
        STATUSES_BY_AXIS[axis].map((status) => [
          status.code,
          previewBulkChange(parcels, axis, status.code, role).forward.length,
        ]),
      ),
    [parcels, axis, role],
  );
  const preview = useMemo(
    () => (target === null ? null : previewBulkChange(parcels, axis, target, role)),
    [parcels, axis, target, role],
  );
  const refusedReasons = useMemo(() => {
    const reasons = new Map<string, { message: { zh: string; en: string }; count: number }>();
    for (const { message } of preview?.refused ?? []) {
      const entry = reasons.get(message.zh) ?? { message, count: 0 };
      entry.count++;
      reasons.set(message.zh, entry);
    }
    return [...reasons.values()].sort((first, second) => second.count - first.count);
  }, [preview]);

  const status = STATUSES_BY_AXIS[axis].find((entry) => entry.code === target);
  const axisLabel = label(AXES.find((entry) => entry.code === axis) ?? { zh: axis, en: axis });
  const refusedCount = preview?.refused.length ?? 0;
  const correctionCount = preview?.corrections.length ?? 0;
  const sent = preview ? bulkSelection(preview, { includeCorrections, skipRefused }) : [];
  const sendsCorrections = correctionCount > 0 && (includeCorrections || !skipRefused);
  const tooMany = sent.length > BULK_LIMIT;
  useEffect(() => {
    if (failures) failuresRef.current?.scrollIntoView({ block: 'nearest' });
  }, [failures]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!status || !preview) return setError(t('chooseTarget'));
    if (sent.length === 0) return setError(t('bulkNothing'));
    if (note.trim().length === 0) return setError(t(sendsCorrections ? 'reasonRequired' : 'noteRequired'));
    const time = readWhen(when);
    if ('error' in time) return setError(t(time.error));
    setBusy(true);
    setError(null);
    setFailures(null);
    try {
      await onSubmit(
        sent.map((parcel) => parcel.id),
        { axis, to: status.code, note: note.trim(), ...time },
      );
    } catch (failure) {
      const refused = failure instanceof ApiError ? (failure.body?.failures ?? []) : [];
      if (refused.length > 0) {
        // The list below names every parcel and its rule; the error line would only repeat them run together.
        setError(null);
        const byId = new Map(parcels.map((parcel) => [parcel.id, parcel]));
        setFailureCount(refused.length);
        setFailures(
          refused.slice(0, FAILURES_SHOWN).map((entry) => ({
            parcelId: entry.parcelId,
            code: byId.get(entry.parcelId)?.code ?? String(entry.parcelId),
            holder: byId.get(entry.parcelId)?.holder ?? '',
            message: entry.message,
          })),
        );
      }
      if (refused.length === 0)
        setError(failure instanceof Error ? errorText(failure, language) : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('bulkTitle')}
      subtitle={t('bulkScope', { count: formats.integer(parcels.length) })}
      testId="bulk-dialog"
      onClose={onClose}
      footer={
        <DialogFooter
          formId="bulk-form"
          onCancel={onClose}
          busy={busy}
          disabled={!status || sent.length === 0 || tooMany}
          tone="warning"
          submitLabel={t('bulkSubmit', { count: formats.integer(sent.length) })}
          testId="bulk-submit"
        />
      }
    >
      <form id="bulk-form" className="dialog-form" onSubmit={submit} noValidate>
        <AxisField
          axis={axis}
          onChange={(next) => {
            setAxis(next);
            setTarget(null);
            setFailures(null);
            setError(null);
          }}
          testIdPrefix="bulk-axis"
        />
        <fieldset className="form-field">
          <legend className="form-field__label">{t('transitionTarget')}</legend>
          <div className="target-list">
            {STATUSES_BY_AXIS[axis].map((entry) => (
              <button
                key={entry.code}
                type="button"
                className="target-option"
                aria-pressed={target === entry.code}
                data-testid={`bulk-target-${entry.code}`}
                onClick={() => {
                  setTarget(entry.code);
                  setFailures(null);
                  setError(null);
                }}
              >
                <span className="status-swatch" style={{ backgroundColor: entry.color }} aria-hidden="true" />
                <span className="target-option__label">{label(entry)}</span>
                <span className="target-option__count">{formats.integer(counts.get(entry.code) ?? 0)}</span>
              </button>
            ))}
          </div>
        </fieldset>
        {preview && status && (
          <div className="bulk-preview" data-testid="bulk-preview">
            <p>
              {t('bulkEligible', { count: formats.integer(preview.forward.length), status: label(status) })}
            </p>
            {correctionCount > 0 && (
              <label className="checkbox checkbox--warning">
                <input
                  type="checkbox"
                  checked={includeCorrections}
                  onChange={(event) => setIncludeCorrections(event.target.checked)}
                  data-testid="bulk-include-corrections"
                />
                {t('bulkCorrections', { count: formats.integer(correctionCount) })}
              </label>
            )}
            {refusedCount > 0 && (
              <>
                <p className="bulk-preview__refused">
                  {t('bulkRefused', { count: formats.integer(refusedCount) })}
                </p>
                <ul className="bulk-preview__reasons">
                  {refusedReasons.slice(0, REASONS_SHOWN).map((reason) => (
                    <li key={reason.message.zh}>
                      {label(reason.message)} <span className="hint">× {formats.integer(reason.count)}</span>
                    </li>
                  ))}
                </ul>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={skipRefused}
                    onChange={(event) => setSkipRefused(event.target.checked)}
                    data-testid="bulk-skip-refused"
                  />
                  {t('bulkSkipRefused', { refused: formats.integer(refusedCount) })}
                </label>
              </>
            )}
            {tooMany && (
              <p className="form-error">{t('bulkTooMany', { limit: formats.integer(BULK_LIMIT) })}</p>
            )}
          </div>
        )}
        <NoteField
          label={t(sendsCorrections ? 'correctionReasonLabel' : 'noteLabel')}
          value={note}
          onChange={setNote}
          rows={2}
          placeholder={t('notePlaceholder')}
          testId="bulk-note"
        />
        <WhenField value={when} onChange={setWhen} label="atLabel" testId="bulk-at" />
        {status && sent.length > 0 && (
          <p className="bulk-confirm" data-testid="bulk-confirm">
            {t('bulkConfirm', {
              count: formats.integer(sent.length),
              axis: axisLabel,
              status: label(status),
            })}
          </p>
        )}
        <FormError message={error} testId="bulk-error" />
        {failures && (
          <div className="bulk-failures" data-testid="bulk-failures" ref={failuresRef} role="alert">
            <p>{t('bulkFailures', { count: formats.integer(failureCount) })}</p>
            <ul>
              {failures.map((failure) => (
                <li key={failure.parcelId} data-testid={`bulk-failure-${failure.parcelId}`}>
                  <span className="mono">{failure.code}</span> {failure.holder}：{label(failure.message)}
                </li>
              ))}
            </ul>
            {failureCount > failures.length && (
              <p className="hint">
                {t('bulkMoreFailures', { count: formats.integer(failureCount - failures.length) })}
              </p>
            )}
          </div>
        )}
      </form>
    </Dialog>
  );
}
