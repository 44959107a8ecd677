import { useLanguage } from '../i18n/use-language.ts';

/** hq only: opens the bulk change for exactly the parcels the filter shows. */
export function BulkChangeButton({ count, onOpen }: { count: number; onOpen(): void }) {
  const { t, formats } = useLanguage();
  return (
    <div className="panel-section bulk-change">
      <button
        type="button"
        className="button button--large button--block"
        disabled={count === 0}
        onClick={onOpen}
        data-testid="bulk-open"
      >
        {t('bulkOpen', { count: formats.integer(count) })}
      </button>
    </div>
  );
}
