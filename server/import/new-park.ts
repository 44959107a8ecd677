/**
 * A new park from a survey delivery, opened as a store (its in-memory index loaded) for a caller that goes on to
 * serve it. The command line, which exits once the file is written, calls `writeParkFromImport` alone: opening the
 * store would read every parcel back (and load turf for the village label points) only to close it.
 */
import type { User } from '../domain/users.ts';
import { GeoPackageStore } from '../store/geopackage-store.ts';
import type { SurveyImportPlan, SurveyImportResult } from '../store/survey-import.ts';
import { writeParkFromImport } from './new-park-file.ts';

export function createParkFromImport(
  storePath: string,
  plan: SurveyImportPlan,
  parkName: string,
  actor: User,
  now = new Date(),
): { store: GeoPackageStore; result: SurveyImportResult } {
  const result = writeParkFromImport(storePath, plan, parkName, actor, now);
  return { store: GeoPackageStore.open(storePath), result };
}
