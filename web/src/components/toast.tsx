import { useLanguage } from '../i18n/use-language.ts';
import type { Toast as ToastState } from '../state/use-toast.ts';

/** The confirmation after a write, announced to screen readers, above the map's bottom edge. */
export function Toast({ toast, onDismiss }: { toast: ToastState | null; onDismiss(): void }) {
  const { t } = useLanguage();
  if (!toast) return null;
  return (
    <div className={`toast toast--${toast.tone}`} role="status" data-testid="toast" key={toast.id}>
      <span className="toast__mark" aria-hidden="true">
        {toast.tone === 'success' ? '✓' : '!'}
      </span>
      <span className="toast__message">{toast.message}</span>
      <button type="button" className="toast__close" aria-label={t('dismiss')} onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
