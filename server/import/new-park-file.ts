/**
 * A new park from a survey delivery that belongs to no existing park (`npm run import -- --new-store`): an empty
 * GeoPackage whose red line is the convex hull of every delivered parcel, then the delivery committed into it as
 * any import is (villages created from the village field).
 *
 * Both go into the file under its temporary name, which is renamed into place only when both are written: a
 * failure in either leaves no park behind. The command line writes the park and exits (`writeParkFromImport`);
 * opening the store loads its whole in-memory index, which only a caller that goes on to serve it needs.
 */
import { gaussKrugerZoneForExtent } from '../domain/areas.ts';
import type { User } from '../domain/users.ts';
import { createParkGeoPackage } from '../store/create-park-geopackage.ts';
import { boundsOf } from '../store/geopackage/geometry-blob.ts';
import { type SurveyImportPlan, type SurveyImportResult, writeSurveyImport } from '../store/survey-import.ts';
import { convexHullOf } from './convex-hull.ts';
import { SourceError } from './source.ts';

/** Writes the new park's GeoPackage with the delivery committed into it; the store is not opened. */
export function writeParkFromImport(
  storePath: string,
  plan: SurveyImportPlan,
  parkName: string,
  actor: User,
  now = new Date(),
): SurveyImportResult {
  const hull = plan.precomputed
    ? plan.precomputed.outline
    : convexHullOf(plan.parcels.map((parcel) => parcel.geometry));
  if (!hull) {
    throw new SourceError({
      zh: '地块太少，无法确定园区范围',
      en: 'Too few parcels to outline the park',
    });
  }
  // The park's zone as the store derives it when it opens the file (`readPark`): from the red line's extent.
  const [west, , east] = boundsOf(hull);
  const zone = gaussKrugerZoneForExtent(west, east);
  let result: SurveyImportResult | undefined;
  createParkGeoPackage(
    storePath,
    {
      park: {
        type: 'Feature',
        // The announcement date (抢建 cut-off) is not in a survey: today until the command centre sets it.
        properties: {
          name: parkName,
          nameEn: parkName,
          town: '',
          announcementDate: now.toISOString().slice(0, 10),
        },
        geometry: hull,
      },
      villages: { type: 'FeatureCollection', features: [] },
      parcels: { type: 'FeatureCollection', features: [] },
      events: [],
    },
    {
      builtAt: now.toISOString(),
      afterBuild: (database) => {
        result = writeSurveyImport(database, plan, zone, actor.username, new Date().toISOString());
        // The journal mode the store opens with (`GeoPackageStore.open`); it is a property of the file. Set after
        // the import: written through a write-ahead log, every page would be written twice (log, checkpoint).
        database.pragma('journal_mode = WAL');
      },
    },
  );
  return result as SurveyImportResult;
}
