/**
 * The pieces every field dialog is made of (status change, bulk change, problem report and its assignment): who the
 * dialog is about, the cancel/submit pair, a multi-line note, the axis switch, the error line. One home each, so a
 * phone-sized tap target or an ARIA role is fixed once for every dialog.
 */
import { type ReactNode, useId } from 'react';
import { AXES, type Axis } from '../../../server/domain/statuses.ts';
import { useLanguage } from '../i18n/use-language.ts';

/** "**Holder** place · CODE": the household a dialog acts on. */
export function HouseholdSubtitle({ holder, place, code }: { holder: string; place: string; code: string }) {
  return (
    <>
      <strong className="dialog__holder">{holder}</strong> {place} · <span className="mono">{code}</span>
    </>
  );
}

/** Cancel, and the submit button of the dialog's form (outside the form, in the dialog's footer). */
export function DialogFooter({
  formId,
  onCancel,
  busy,
  disabled = false,
  tone = 'primary',
  submitLabel,
  testId,
}: {
  formId: string;
  onCancel(): void;
  busy: boolean;
  disabled?: boolean;
  /** `warning` for what rewrites history or many households at once (corrections, bulk changes). */
  tone?: 'primary' | 'warning';
  submitLabel: string;
  testId: string;
}) {
  const { t } = useLanguage();
  return (
    <>
      <button type="button" className="button button--large" onClick={onCancel}>
        {t('cancel')}
      </button>
      <button
        type="submit"
        form={formId}
        className={`button button--large button--${tone}`}
        disabled={busy || disabled}
        data-testid={testId}
      >
        {busy ? t('submitting') : submitLabel}
      </button>
    </>
  );
}

/** A labelled multi-line text field (a note, a reason, a problem's description), at most 2,000 characters. */
export function NoteField({
  label,
  value,
  onChange,
  rows = 3,
  placeholder,
  testId,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  rows?: number;
  placeholder?: string;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label className="form-field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="form-field__input"
        rows={rows}
        maxLength={2000}
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
    </div>
  );
}

/** 签约 / 拆除: which status axis a change is on; `children` follow under the switch (e.g. the current status). */
export function AxisField({
  axis,
  onChange,
  testIdPrefix,
  children,
}: {
  axis: Axis;
  onChange(axis: Axis): void;
  testIdPrefix: string;
  children?: ReactNode;
}) {
  const { t, label } = useLanguage();
  return (
    <fieldset className="form-field">
      <legend className="form-field__label">{t('transitionAxis')}</legend>
      <div className="segmented segmented--full">
        {AXES.map((entry) => (
          <button
            key={entry.code}
            type="button"
            aria-pressed={axis === entry.code}
            data-testid={`${testIdPrefix}-${entry.code}`}
            onClick={() => onChange(entry.code)}
          >
            {label(entry)}
          </button>
        ))}
      </div>
      {children}
    </fieldset>
  );
}

/** The reason a submit failed, announced to screen readers; nothing when there is none. */
export function FormError({ message, testId }: { message: string | null; testId: string }) {
  return message ? (
    <p className="form-error" role="alert" data-testid={testId}>
      {message}
    </p>
  ) : null;
}
