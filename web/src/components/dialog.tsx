import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useLanguage } from '../i18n/use-language.ts';

/**
 * A modal form over the dashboard: centred on a wall screen, a full-width sheet from the bottom on a phone (where the
 * thumb is). Escape and the close button cancel; a click beside it does not, so a half-written note is not lost.
 */
export function Dialog({
  title,
  subtitle,
  testId,
  onClose,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  testId: string;
  onClose(): void;
  children: ReactNode;
  footer: ReactNode;
}) {
  const { t } = useLanguage();
  const titleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panelRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCloseRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        ref={panelRef}
        tabIndex={-1}
      >
        <header className="dialog__header">
          <div className="dialog__titles">
            <h2 className="dialog__title" id={titleId}>
              {title}
            </h2>
            {subtitle && <div className="dialog__subtitle">{subtitle}</div>}
          </div>
          <button
            type="button"
            className="dialog__close"
            aria-label={t('cancel')}
            onClick={onClose}
            data-testid={`${testId}-close`}
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        <footer className="dialog__footer">{footer}</footer>
      </div>
    </div>
  );
}
