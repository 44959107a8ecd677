import { type FormEvent, useId, useState } from 'react';
import { PROBLEM_KINDS, type Problem } from '../../../server/domain/problems.ts';
import { errorText } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { Dialog } from './dialog.tsx';
import { DialogFooter, FormError, HouseholdSubtitle, NoteField } from './dialog-parts.tsx';

/** The command centre assigns a problem to someone (with instructions) or closes it (with how it was resolved). */
export function ProblemActionDialog({
  problem,
  action,
  holder,
  assignees,
  onSubmit,
  onClose,
}: {
  problem: Problem;
  action: 'assign' | 'resolve';
  holder: string;
  /** Names used before, offered as suggestions. */
  assignees: readonly string[];
  onSubmit(details: { assignee?: string; note: string }): Promise<void>;
  onClose(): void;
}) {
  const { t, label, language } = useLanguage();
  const assigneeId = useId();
  const listId = useId();
  const [assignee, setAssignee] = useState(problem.assignee ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = PROBLEM_KINDS.find((entry) => entry.code === problem.kind);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (action === 'assign' && assignee.trim().length === 0) return setError(t('assigneeRequired'));
    if (action === 'resolve' && note.trim().length === 0) return setError(t('noteRequired'));
    setBusy(true);
    setError(null);
    try {
      await onSubmit(
        action === 'assign' ? { assignee: assignee.trim(), note: note.trim() } : { note: note.trim() },
      );
    } catch (failure) {
      setError(failure instanceof Error ? errorText(failure, language) : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(action === 'assign' ? 'problemAssignTitle' : 'problemResolveTitle')}
      subtitle={
        <HouseholdSubtitle
          holder={holder}
          place={kind ? label(kind) : problem.kind}
          code={problem.parcelCode}
        />
      }
      testId="problem-action-dialog"
      onClose={onClose}
      footer={
        <DialogFooter
          formId="problem-action-form"
          onCancel={onClose}
          busy={busy}
          submitLabel={t(action === 'assign' ? 'problemAssign' : 'problemResolve')}
          testId="problem-action-submit"
        />
      }
    >
      <form id="problem-action-form" className="dialog-form" onSubmit={submit} noValidate>
        <p className="problem-quote">{problem.description}</p>
        {action === 'assign' && (
          <div className="form-field">
            <label className="form-field__label" htmlFor={assigneeId}>
              {t('assignee')}
            </label>
            <input
              id={assigneeId}
              className="form-field__input"
              list={listId}
              value={assignee}
              placeholder={t('assigneePlaceholder')}
              onChange={(event) => setAssignee(event.target.value)}
              data-testid="problem-assignee"
            />
            <datalist id={listId}>
              {assignees.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </div>
        )}
        <NoteField
          label={t(action === 'assign' ? 'assignNote' : 'resolveNote')}
          value={note}
          onChange={setNote}
          testId="problem-note"
        />
        <FormError message={error} testId="problem-action-error" />
      </form>
    </Dialog>
  );
}
