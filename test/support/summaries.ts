import type { ParcelSummary } from '../../server/domain/parcel.ts';

/** A household summary of village V03, appraised and occupied, for web-state tests; override what a test needs. */
export function parcelSummary(id: number, overrides: Partial<ParcelSummary> = {}): ParcelSummary {
  return {
    id,
    code: `520115-V03-${String(id).padStart(4, '0')}`,
    holder: `户主${id}`,
    village: 'V03',
    group: '1组',
    landClass: 'homestead',
    buildingArea: 90,
    structure: 'brickWood',
    cadre: false,
    signing: 'appraised',
    clearance: 'occupied',
    surveyArea: null,
    ellipsoidArea: 500,
    planeArea: 500.4,
    version: 1,
    updatedAt: '2026-11-25T10:00:00+08:00',
    ...overrides,
  };
}
