import type { ParcelFilter } from '../../../server/domain/filters.ts';
import { parcelExportUrl, statisticsExportUrl } from '../api/client.ts';
import type { ParcelExportFormat, StatisticsExportFormat } from '../api/types.ts';
import { type MessageKey, useLanguage } from '../i18n/use-language.ts';

const PARCEL_FORMATS: {
  id: string;
  format: ParcelExportFormat;
  label: MessageKey;
  /** Query parameters of the format besides the filter (the Shapefile's DBF encoding). */
  parameters?: string;
}[] = [
  { id: 'csv', format: 'csv', label: 'exportCsv' },
  { id: 'xlsx', format: 'xlsx', label: 'exportXlsx' },
  { id: 'geojson', format: 'geojson', label: 'exportGeoJson' },
  { id: 'gpkg', format: 'gpkg', label: 'exportGeoPackage' },
  // GBK with Chinese field names for surveyors' ArcGIS/CASS; UTF-8 (English field names) for QGIS users.
  { id: 'shapefile-gbk', format: 'shapefile', label: 'exportShapefileGbk', parameters: 'encoding=gbk' },
  { id: 'shapefile-utf-8', format: 'shapefile', label: 'exportShapefileUtf8', parameters: 'encoding=utf-8' },
];

const STATISTICS_FORMATS: { format: StatisticsExportFormat; label: MessageKey }[] = [
  { format: 'csv', label: 'exportCsv' },
  { format: 'xlsx', label: 'exportXlsx' },
];

function ExportLinks({ filter }: { filter: ParcelFilter }) {
  const { t } = useLanguage();
  return (
    <>
      <p className="export-menu__heading">{t('exportParcels')}</p>
      <div className="export-menu__links">
        {PARCEL_FORMATS.map(({ id, format, label, parameters }) => (
          <a
            key={id}
            className="button"
            // The URL always has a query (`format`), so extra parameters follow with `&`.
            href={
              parameters
                ? `${parcelExportUrl(format, filter)}&${parameters}`
                : parcelExportUrl(format, filter)
            }
            download
            data-testid={`export-${id}`}
          >
            {t(label)}
          </a>
        ))}
      </div>
      <p className="export-menu__heading">{t('exportStatistics')}</p>
      <div className="export-menu__links">
        {STATISTICS_FORMATS.map(({ format, label }) => (
          <a
            key={format}
            className="button"
            href={statisticsExportUrl(format, filter, 'village')}
            download
            data-testid={`export-stats-${format}`}
          >
            {t(label)}
          </a>
        ))}
      </div>
    </>
  );
}

/**
 * Download links for the current filter; the server applies the same `matchesFilter` the map does.
 * A popover in the wall-screen header; a plain section in the phone's statistics tab.
 */
export function ExportMenu({ filter, inline = false }: { filter: ParcelFilter; inline?: boolean }) {
  const { t } = useLanguage();
  if (inline) {
    return (
      <section
        className="panel-section export-menu--inline"
        data-testid="export-menu"
        aria-labelledby="export-title"
      >
        <h2 className="section-title" id="export-title">
          {t('export')}
        </h2>
        <ExportLinks filter={filter} />
      </section>
    );
  }
  return (
    <details className="export-menu" data-testid="export-menu">
      <summary className="button button--primary">{t('export')}</summary>
      <div className="export-menu__popover">
        <ExportLinks filter={filter} />
      </div>
    </details>
  );
}
