import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/use-language.ts';

/** Product name in both languages, the park, the data's as-of time, and the header's tools. */
export function AppHeader({
  parkName,
  asOf,
  kpis,
  tools,
}: {
  parkName: string | null;
  asOf: string | null;
  kpis: ReactNode;
  tools: ReactNode;
}) {
  const { t, formats } = useLanguage();
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true" />
        <div className="brand__names">
          <h1 className="brand__name">{t('productName')}</h1>
          <span className="brand__other">{t('productNameOther')}</span>
        </div>
      </div>
      {parkName !== null && (
        <div className="park-identity">
          <span className="park-identity__name" data-testid="park-name" title={parkName}>
            {parkName}
          </span>
          {asOf !== null && (
            <time className="park-identity__as-of" dateTime={asOf} data-testid="as-of">
              {t('asOf', { time: formats.dateTime(asOf) })}
            </time>
          )}
        </div>
      )}
      <div className="app-header__kpis">{kpis}</div>
      <div className="app-header__tools">{tools}</div>
    </header>
  );
}
