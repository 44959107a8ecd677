import type { ReactNode } from 'react';
import type { MeasureDescriptions } from '../../../server/domain/statistics.ts';
import { findCoded, LAND_CLASSES, STRUCTURES } from '../../../server/domain/statuses.ts';
import { squareMetresToMu } from '../../../server/domain/units.ts';
import type { ParcelDetail as Detail } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { Loadable } from '../state/use-park-data.ts';
import { StatusChip } from './status-chip.tsx';

function Field({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <div className="field">
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The selected parcel from `GET /api/parcels/:id`; personal data arrives masked from the server. */
export function ParcelDetail({
  detail,
  measures,
  onClose,
  actions,
  compensation,
  history,
}: {
  detail: Loadable<Detail> | null;
  measures: MeasureDescriptions;
  onClose(): void;
  /** What the user may do with the household (role-aware), under its statuses. */
  actions?: ReactNode;
  /** The compensation breakdown (for the roles allowed to see it). */
  compensation?: ReactNode;
  /** The household's history, at the end. */
  history?: ReactNode;
}) {
  const { t, label, formats } = useLanguage();
  if (detail === null) {
    return (
      <section className="panel-section parcel-detail parcel-detail--empty" data-testid="parcel-detail-empty">
        <p className="hint">{t('noParcelSelected')}</p>
      </section>
    );
  }
  const header = (
    <div className="section-title-row">
      <h2 className="section-title">{t('parcelDetail')}</h2>
      <button
        type="button"
        className="button button--quiet"
        onClick={onClose}
        data-testid="parcel-detail-close"
      >
        {t('closeDetail')}
      </button>
    </div>
  );
  if (detail.status !== 'ready') {
    return (
      <section
        className="panel-section parcel-detail"
        data-testid="parcel-detail"
        aria-busy={detail.status === 'loading'}
      >
        {header}
        <p className={detail.status === 'error' ? 'error-text' : 'hint'}>
          {detail.status === 'error' ? detail.error.message : t('loadingDetail')}
        </p>
      </section>
    );
  }
  const { parcel, village } = detail.data;
  const landClass = findCoded(LAND_CLASSES, parcel.landClass);
  const structure = parcel.structure === null ? undefined : findCoded(STRUCTURES, parcel.structure);
  const area = (squareMetres: number | null, description: { zh: string; en: string }, testId: string) =>
    squareMetres === null ? (
      t('noValue')
    ) : (
      <span className="area-value" data-testid={testId}>
        <span className="area-value__square-metres">
          {formats.squareMetres(squareMetres)} {t('unitSquareMetres')}
        </span>
        <span className="area-value__mu">
          {formats.mu(squareMetresToMu(squareMetres))} {t('unitMu')}
        </span>
        <span className="area-value__measure">{label(description)}</span>
      </span>
    );
  return (
    <section
      className="panel-section parcel-detail"
      data-testid="parcel-detail"
      aria-labelledby="parcel-detail-holder"
    >
      {header}
      <div className="parcel-detail__identity">
        <span className="parcel-detail__holder" id="parcel-detail-holder" data-testid="parcel-detail-holder">
          {parcel.holder}
        </span>
        {parcel.cadre && <span className="badge badge--cadre">{t('cadreHousehold')}</span>}
        <span className="parcel-detail__place">
          {village ? label({ zh: village.name, en: village.nameEn }) : parcel.village} · {parcel.group}
        </span>
      </div>
      <div className="parcel-detail__statuses">
        <StatusChip axis="signing" code={parcel.signing} testId="parcel-detail-signing" />
        <StatusChip axis="clearance" code={parcel.clearance} testId="parcel-detail-clearance" />
      </div>
      {actions}
      <dl className="fields fields--areas">
        <Field term={t('planeArea')}>
          {area(parcel.planeArea, measures.planeArea, 'parcel-detail-plane-area')}
        </Field>
        <Field term={t('ellipsoidArea')}>
          {area(parcel.ellipsoidArea, measures.ellipsoidArea, 'parcel-detail-ellipsoid-area')}
        </Field>
        <Field term={t('surveyArea')}>
          {area(parcel.surveyArea, measures.surveyArea, 'parcel-detail-survey-area')}
        </Field>
      </dl>
      <dl className="fields">
        <Field term={t('parcelCode')} testId="parcel-detail-code">
          <span className="mono">{parcel.code}</span>
        </Field>
        <Field term={t('landClass')}>{landClass ? label(landClass) : parcel.landClass}</Field>
        <Field term={t('buildingArea')}>
          {parcel.buildingArea === null ? t('noValue') : formats.squareMetres(parcel.buildingArea)}
        </Field>
        <Field term={t('structure')}>{structure ? label(structure) : t('noValue')}</Field>
        <Field term={t('cadreHousehold')}>{parcel.cadre ? t('cadreYes') : t('cadreNo')}</Field>
        <Field term={t('updatedAt')}>{formats.dateTime(parcel.updatedAt)}</Field>
        <Field term={t('idNumber')} testId="parcel-detail-id-number">
          <span className="mono">{parcel.idNumber ?? t('noValue')}</span>
        </Field>
        <Field term={t('phone')} testId="parcel-detail-phone">
          <span className="mono">{parcel.phone ?? t('noValue')}</span>
        </Field>
      </dl>
      {compensation}
      {history}
    </section>
  );
}
