import { type FormEvent, useId, useState } from 'react';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { PROBLEM_KINDS, type ProblemKind } from '../../../server/domain/problems.ts';
import { errorText } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { initialWhen, readWhen } from '../state/field-time.ts';
import { Dialog } from './dialog.tsx';
import { DialogFooter, FormError, HouseholdSubtitle, NoteField } from './dialog-parts.tsx';
import { WhenField } from './when-field.tsx';

/** 问题上报: a team tells the command centre about a household it cannot move forward on its own. */
export function ProblemReportDialog({
  parcel,
  place,
  onSubmit,
  onClose,
}: {
  parcel: ParcelSummary;
  place: string;
  onSubmit(report: { kind: ProblemKind; description: string; at?: string }): Promise<void>;
  onClose(): void;
}) {
  const { t, label, language } = useLanguage();
  const kindId = useId();
  const [kind, setKind] = useState<ProblemKind>(PROBLEM_KINDS[0].code);
  const [description, setDescription] = useState('');
  const [when, setWhen] = useState(initialWhen);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (description.trim().length === 0) return setError(t('descriptionRequired'));
    const time = readWhen(when);
    if ('error' in time) return setError(t(time.error));
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ kind, description: description.trim(), ...time });
    } catch (failure) {
      setError(failure instanceof Error ? errorText(failure, language) : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('reportProblem')}
      subtitle={<HouseholdSubtitle holder={parcel.holder} place={place} code={parcel.code} />}
      testId="problem-dialog"
      onClose={onClose}
      footer={
        <DialogFooter
          formId="problem-form"
          onCancel={onClose}
          busy={busy}
          submitLabel={t('problemSubmit')}
          testId="problem-submit"
        />
      }
    >
      <form id="problem-form" className="dialog-form" onSubmit={submit} noValidate>
        <div className="form-field">
          <label className="form-field__label" htmlFor={kindId}>
            {t('problemKind')}
          </label>
          <select
            id={kindId}
            className="form-field__input"
            value={kind}
            onChange={(event) => setKind(event.target.value as ProblemKind)}
            data-testid="problem-kind"
          >
            {PROBLEM_KINDS.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {label(entry)}
              </option>
            ))}
          </select>
        </div>
        <NoteField
          label={t('problemDescription')}
          value={description}
          onChange={setDescription}
          rows={4}
          placeholder={t('problemDescriptionPlaceholder')}
          testId="problem-description"
        />
        <WhenField value={when} onChange={setWhen} label="problemAt" testId="problem-at" />
        <FormError message={error} testId="problem-error" />
      </form>
    </Dialog>
  );
}
