import type { ClearanceStatus, LandClass, SigningStatus, Structure } from './statuses.ts';

/**
 * What the map, the statistics and the exports know of a parcel: attributes and precomputed areas, no geometry and
 * no personal data (ID numbers and phones stay in the store and are only ever served masked).
 */
export interface ParcelSummary {
  id: number;
  /** 宗地编码, unique in the park. */
  code: string;
  /** 户主 / 被征收人. */
  holder: string;
  /** Village code, e.g. `V03`. */
  village: string;
  /** 村民小组, e.g. `3组`. */
  group: string;
  landClass: LandClass;
  /** 建筑面积 in ㎡, or null where the parcel has no building. */
  buildingArea: number | null;
  structure: Structure | null;
  /** 干部户. */
  cadre: boolean;
  signing: SigningStatus;
  clearance: ClearanceStatus;
  /** 登记/测绘面积 (㎡) as the surveyor registered it; null when the source had none. */
  surveyArea: number | null;
  /** Ellipsoidal area (㎡), GeographicLib on WGS84/CGCS2000. */
  ellipsoidArea: number;
  /** Plane area (㎡) in the park's CGCS2000 3-degree Gauss-Krüger zone. */
  planeArea: number;
  /** Optimistic-concurrency version, +1 on every change. */
  version: number;
  /** ISO 8601 time of the last status change (or of the import). */
  updatedAt: string;
}

export interface Village {
  code: string;
  name: string;
  nameEn: string;
  town: string;
  leader: string;
  groupCount: number;
}

export function hasBuilding(parcel: Pick<ParcelSummary, 'buildingArea'>): boolean {
  return parcel.buildingArea !== null && parcel.buildingArea > 0;
}
