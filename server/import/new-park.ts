/**
 * A new park from a survey delivery that belongs to no existing park (`npm run import -- --new-store`): an empty
 * GeoPackage whose red line is the convex hull of every delivered parcel, then the delivery committed into it as
 * any import is (villages created from the village field).
 */
import type { User } from '../domain/users.ts';
import { createParkGeoPackage } from '../store/create-park-geopackage.ts';
import { GeoPackageStore } from '../store/geopackage-store.ts';
import type { SurveyImportPlan, SurveyImportResult } from '../store/survey-import.ts';
import { convexHullOf } from './convex-hull.ts';
import { SourceError } from './source.ts';

export function createParkFromImport(
  storePath: string,
  plan: SurveyImportPlan,
  parkName: string,
  actor: User,
  now = new Date(),
): { store: GeoPackageStore; result: SurveyImportResult } {
  const hull = convexHullOf(plan.parcels.map((parcel) => parcel.geometry));
  if (!hull) {
    throw new SourceError({
      zh: '地块太少，无法确定园区范围',
      en: 'Too few parcels to outline the park',
    });
  }
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
    { builtAt: now.toISOString() },
  );
  const store = GeoPackageStore.open(storePath);
  return { store, result: store.importSurvey(plan, actor) };
}
