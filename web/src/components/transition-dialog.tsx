import { type FormEvent, useEffect, useState } from 'react';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { type Axis, statusDefinition } from '../../../server/domain/statuses.ts';
import type { Role } from '../../../server/domain/transitions.ts';
import { ApiError, errorText, type StatusChangeRequest } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { initialWhen, readWhen } from '../state/field-time.ts';
import { currentStatus, forwardBlock, transitionOptions } from '../state/transition-options.ts';
import { ColouredChip } from './coloured-chip.tsx';
import { Dialog } from './dialog.tsx';
import { AxisField, DialogFooter, FormError, HouseholdSubtitle, NoteField } from './dialog-parts.tsx';
import { WhenField } from './when-field.tsx';

/** The axis with a step to take: the one the map is coloured by, unless only the other can move. */
function startingAxis(parcel: ParcelSummary, preferred: Axis, role: Role): Axis {
  const other: Axis = preferred === 'signing' ? 'clearance' : 'signing';
  const canMove = (axis: Axis) =>
    transitionOptions(parcel, axis, role).some((option) => option.kind === 'forward');
  return !canMove(preferred) && canMove(other) ? other : preferred;
}

/**
 * 更新状态 for one household: the axis, a target among `allowedTargets` only (corrections marked 更正), a required
 * note, and when it happened. Sent with `If-Match` on the version the user saw; if someone was faster, the dialog
 * shows the household as it is now and keeps the note.
 */
export function TransitionDialog({
  parcel,
  role,
  place,
  preferredAxis,
  onSubmit,
  onClose,
}: {
  /** The household as the map knows it now (a pushed change updates it while the dialog is open). */
  parcel: ParcelSummary;
  role: Role;
  /** Village and group, for the title. */
  place: string;
  preferredAxis: Axis;
  /** Sends the change based on `seen`; resolves when written, rejects with the `ApiError`. */
  onSubmit(seen: ParcelSummary, change: StatusChangeRequest): Promise<void>;
  onClose(): void;
}) {
  const { t, label, language } = useLanguage();
  const [seen, setSeen] = useState(parcel);
  const [axis, setAxis] = useState<Axis>(() => startingAxis(parcel, preferredAxis, role));
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(initialWhen);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Someone else changed this household while the dialog was open: show it as it is now, and say so.
  useEffect(() => {
    if (parcel.id === seen.id && parcel.version > seen.version) {
      setSeen(parcel);
      setNotice(t('staleRefreshed'));
      setTarget((current) =>
        current !== null &&
        transitionOptions(parcel, axis, role).some((option) => option.status.code === current)
          ? current
          : null,
      );
    }
  }, [parcel, seen, axis, role, t]);

  const options = transitionOptions(seen, axis, role);
  const chosen = options.find((option) => option.status.code === target) ?? null;
  const isCorrection = chosen?.kind === 'correction';
  const block = forwardBlock(seen, axis, role);
  const current = statusDefinition(axis, currentStatus(seen, axis));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setError(t('chooseTarget'));
    if (note.trim().length === 0) return setError(t(isCorrection ? 'reasonRequired' : 'noteRequired'));
    const time = readWhen(when);
    if ('error' in time) return setError(t(time.error));
    setBusy(true);
    setError(null);
    try {
      await onSubmit(seen, { axis, to: chosen.status.code, note: note.trim(), ...time });
    } catch (failure) {
      const apiError = failure instanceof ApiError ? failure : null;
      const latest =
        apiError?.status === 409 ? (apiError.body?.current as ParcelSummary | undefined) : undefined;
      if (latest && latest.id === seen.id && latest.version !== seen.version) {
        setSeen(latest);
        setTarget(null);
        setNotice(t('staleRefreshed'));
      }
      setError(failure instanceof Error ? errorText(failure, language) : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('transitionTitle')}
      subtitle={<HouseholdSubtitle holder={seen.holder} place={place} code={seen.code} />}
      testId="transition-dialog"
      onClose={onClose}
      footer={
        <DialogFooter
          formId="transition-form"
          onCancel={onClose}
          busy={busy}
          tone={isCorrection ? 'warning' : 'primary'}
          submitLabel={t(isCorrection ? 'submitCorrection' : 'submitChange')}
          testId="transition-submit"
        />
      }
    >
      <form id="transition-form" className="dialog-form" onSubmit={submit} noValidate>
        <AxisField
          axis={axis}
          onChange={(next) => {
            setAxis(next);
            setTarget(null);
            setError(null);
          }}
          testIdPrefix="transition-axis"
        >
          <p className="form-field__current">
            {t('currentStatus')}
            {current && <ColouredChip status={current} label={label(current)} testId="transition-current" />}
          </p>
        </AxisField>
        <fieldset className="form-field">
          <legend className="form-field__label">{t('transitionTarget')}</legend>
          {block && (
            <p className="form-field__hint" data-testid="transition-blocked">
              {block.kind === 'final' ? t('statusFinal') : label(block.message)}
            </p>
          )}
          <div className="target-list">
            {options.map((option) => (
              <button
                key={option.status.code}
                type="button"
                className={`target-option target-option--${option.kind}`}
                aria-pressed={target === option.status.code}
                data-testid={`transition-target-${option.status.code}`}
                data-kind={option.kind}
                onClick={() => {
                  setTarget(option.status.code);
                  setError(null);
                }}
              >
                <span
                  className="status-swatch"
                  style={{ backgroundColor: option.status.color }}
                  aria-hidden="true"
                />
                <span className="target-option__label">{label(option.status)}</span>
                {option.kind === 'correction' && (
                  <span className="badge badge--correction">{t('correction')}</span>
                )}
              </button>
            ))}
          </div>
          {options.some((option) => option.kind === 'correction') && (
            <p className="form-field__hint">{t('correctionHint')}</p>
          )}
        </fieldset>
        <NoteField
          label={t(isCorrection ? 'correctionReasonLabel' : 'noteLabel')}
          value={note}
          onChange={setNote}
          placeholder={t('notePlaceholder')}
          testId="transition-note"
        />
        <WhenField value={when} onChange={setWhen} label="atLabel" testId="transition-at" />
        {notice && (
          <p className="form-notice" role="status" data-testid="transition-notice">
            {notice}
          </p>
        )}
        <FormError message={error} testId="transition-error" />
      </form>
    </Dialog>
  );
}
