import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { VillagePlan } from '../../../server/domain/reports/report-types.ts';
import { ApiError, api, errorText } from '../api/client.ts';
import { chinaToday } from '../state/time-slider-dates.ts';
import {
  errorsOf,
  type MilestoneFields,
  type PlanFieldError,
  type PlanFields,
  planFields,
  validatePlanFields,
} from './plan-form.ts';
import { useReportTools } from './report-context.ts';

export interface PlanTarget {
  village: string;
  name: string;
  plan: VillagePlan | null;
}

/**
 * 计划 (hq): a village's start date, 100 % signed and handed-over dates and milestones. Checked here first, then
 * by the server (400 with field errors shown at their fields); a 409 means someone saved first: their version is
 * loaded into the form to check and save again.
 */
export function PlanEditor({
  target,
  csrfToken,
  onSaved,
  onClose,
}: {
  target: PlanTarget;
  csrfToken: string;
  onSaved(plan: VillagePlan): void;
  onClose(): void;
}) {
  const { t, language, formats } = useReportTools();
  const [plan, setPlan] = useState(target.plan);
  const [fields, setFields] = useState<PlanFields>(() => planFields(target.plan, chinaToday()));
  const [errors, setErrors] = useState<PlanFieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const update = (change: Partial<PlanFields>) => setFields((current) => ({ ...current, ...change }));
  const updateMilestone = (index: number, change: Partial<MilestoneFields>) =>
    update({
      milestones: fields.milestones.map((milestone, position) =>
        position === index ? { ...milestone, ...change } : milestone,
      ),
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const validation = validatePlanFields(fields);
    if (!validation.ok) {
      setErrors(validation.errors);
      setMessage(null);
      return;
    }
    setErrors([]);
    setMessage(null);
    setSaving(true);
    api
      .savePlan(target.village, validation.input, plan?.version ?? 0, csrfToken)
      .then((saved) => onSaved(saved))
      .catch((reason: unknown) => {
        if (reason instanceof ApiError && reason.status === 409) {
          const current = (reason.body?.current ?? null) as VillagePlan | null;
          setPlan(current);
          setFields(planFields(current, chinaToday()));
          setMessage(t('stale'));
        } else if (reason instanceof ApiError && reason.status === 400) {
          setErrors(
            (reason.body?.details ?? []).map((detail) => ({
              field: detail.field ?? '',
              zh: detail.zh ?? '',
              en: detail.en ?? '',
            })),
          );
          setMessage(errorText(reason, language));
        } else {
          setMessage(errorText(reason instanceof Error ? reason : new Error(String(reason)), language));
        }
      })
      .finally(() => setSaving(false));
  };

  const fieldErrors = (field: string) =>
    errorsOf(errors, field).map((error) => (
      <span key={error.en} className="plan-error" role="alert">
        {error[language]}
      </span>
    ));
  // Errors the form has no field for (the milestones as a whole, If-Match) are listed under the form.
  const knownFields = new Set(['startDate', 'signedBy', 'handedOverBy']);
  const otherErrors = errors.filter(
    (error) =>
      !knownFields.has(error.field) &&
      !/^milestones\[\d+\]\.(date|signedShare|handedOverShare)$/.test(error.field),
  );

  return (
    <dialog ref={dialogRef} className="plan-dialog" onClose={onClose} data-testid="plan-editor">
      <form onSubmit={submit} noValidate>
        <h2>{t('planFor', { village: target.name })}</h2>
        {plan && (
          <p className="plan-meta">
            {t('lastEdited', {
              version: plan.version,
              user: plan.updatedBy,
              time: formats.dateTime(plan.updatedAt),
            })}
          </p>
        )}
        <div className="plan-dates">
          {(
            [
              ['startDate', 'planStart'],
              ['signedBy', 'planSignedBy'],
              ['handedOverBy', 'planHandedOverBy'],
            ] as const
          ).map(([field, label]) => (
            <label key={field} className="plan-field">
              <span>{t(label)}</span>
              <input
                type="date"
                value={fields[field]}
                onChange={(event) => update({ [field]: event.currentTarget.value })}
                aria-invalid={errorsOf(errors, field).length > 0}
                data-testid={`plan-${field}`}
              />
              {fieldErrors(field)}
            </label>
          ))}
        </div>
        <fieldset className="plan-milestones">
          <legend>{t('milestones')}</legend>
          {fields.milestones.map((milestone, index) => {
            const prefix = `milestones[${index}]`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
              <div key={index} className="plan-milestone" data-testid="plan-milestone">
                <label className="plan-field">
                  <span>{t('milestoneDate')}</span>
                  <input
                    type="date"
                    value={milestone.date}
                    onChange={(event) => updateMilestone(index, { date: event.currentTarget.value })}
                  />
                  {fieldErrors(`${prefix}.date`)}
                </label>
                <label className="plan-field">
                  <span>{t('milestoneSigned')}</span>
                  <input
                    inputMode="decimal"
                    value={milestone.signedPercent}
                    onChange={(event) => updateMilestone(index, { signedPercent: event.currentTarget.value })}
                  />
                  {fieldErrors(`${prefix}.signedShare`)}
                </label>
                <label className="plan-field">
                  <span>{t('milestoneHandedOver')}</span>
                  <input
                    inputMode="decimal"
                    value={milestone.handedOverPercent}
                    onChange={(event) =>
                      updateMilestone(index, { handedOverPercent: event.currentTarget.value })
                    }
                  />
                  {fieldErrors(`${prefix}.handedOverShare`)}
                </label>
                <button
                  type="button"
                  className="report-button"
                  onClick={() =>
                    update({ milestones: fields.milestones.filter((_, position) => position !== index) })
                  }
                >
                  {t('removeMilestone')}
                </button>
                {fieldErrors(prefix)}
              </div>
            );
          })}
          <button
            type="button"
            className="report-button"
            onClick={() =>
              update({
                milestones: [...fields.milestones, { date: '', signedPercent: '', handedOverPercent: '' }],
              })
            }
            data-testid="plan-add-milestone"
          >
            {t('addMilestone')}
          </button>
        </fieldset>
        {otherErrors.map((error) => (
          <p key={`${error.field}-${error.en}`} className="plan-error" role="alert">
            {error[language]}
          </p>
        ))}
        {message && (
          <p className="plan-message" role="status" data-testid="plan-message">
            {message}
          </p>
        )}
        <div className="plan-actions">
          <button type="button" className="report-button" onClick={() => dialogRef.current?.close()}>
            {t('cancel')}
          </button>
          <button
            type="submit"
            className="report-button report-button--primary"
            disabled={saving}
            data-testid="plan-save"
          >
            {saving ? t('saving') : t('save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
