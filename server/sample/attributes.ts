/**
 * Parcel attributes: land class, village group (村民小组), code (宗地编码), building, household head and the
 * surveyor's registered area. Statuses come later, from the event history (history.ts).
 */
import type { LandClass, Structure } from '../domain/statuses.ts';
import type { Point } from './geometry.ts';
import { synthesizeIdNumber } from './id-number.ts';
import { REGION_CODE, synthesizeMobileNumber, synthesizePersonName } from './names.ts';
import type { Random } from './prng.ts';
import { planeAreaOfLonLatPolygon, roundTo } from './projection.ts';
import type { RawParcel } from './tessellate.ts';

export interface ParcelRecord {
  raw: RawParcel;
  /** Longitude/latitude rings, closed and rounded: outer counter-clockwise, holes clockwise. */
  rings: Point[][];
  /** Centroid in local metres. */
  centroid: Point;
  village: number;
  landClass: LandClass;
  /** 1-based village group number. */
  group: number;
  id: number;
  code: string;
  holder: string;
  idNumber: string;
  phone: string;
  buildingArea: number | null;
  structure: Structure | null;
  cadre: boolean;
  surveyArea: number;
}

/** Seeds carry the intended use; plot size and a few random reassignments settle the registered class. */
export function classifyLand(random: Random, records: readonly ParcelRecord[]): void {
  for (const record of records) {
    const { kind } = record.raw.seed;
    const area = record.raw.area;
    if (kind === 'homestead') {
      // A "house plot" that came out field-sized is a kitchen garden next to the houses; a scrap is public land.
      record.landClass = area > 520 ? 'farmland' : area < 60 ? 'other' : 'homestead';
    } else if (kind === 'garden') {
      record.landClass = random.chance(0.7) ? 'farmland' : 'orchard';
    } else {
      record.landClass = kind;
    }
    // Ponds, graves, waste ground and the like (其他): about 2 % of the open land.
    if (record.landClass !== 'homestead' && record.landClass !== 'collective' && random.chance(0.025)) {
      record.landClass = 'other';
    }
  }
}

/**
 * Village groups are contiguous sub-areas: k-means on parcel centroids, started from spread-out parcels. Groups are
 * numbered north to south, west to east. Returns the group count per village.
 */
export function assignGroups(
  random: Random,
  records: readonly ParcelRecord[],
  villageCount: number,
): number[] {
  const groupCounts: number[] = [];
  for (let village = 0; village < villageCount; village++) {
    const members = records.filter((record) => record.village === village);
    const count = Math.max(4, Math.min(9, Math.round(members.length / 160) + random.int(-1, 1)));
    groupCounts.push(count);
    if (members.length === 0) continue;
    const centres: Point[] = [];
    // Farthest-point start: the first centre is the north-western-most parcel.
    let first = members[0] as ParcelRecord;
    for (const member of members) {
      if (member.centroid[1] - member.centroid[0] > first.centroid[1] - first.centroid[0]) first = member;
    }
    centres.push(first.centroid);
    while (centres.length < count) {
      let farthest = first.centroid;
      let farthestDistance = -1;
      for (const member of members) {
        let nearest = Number.POSITIVE_INFINITY;
        for (const centre of centres) {
          nearest = Math.min(
            nearest,
            (centre[0] - member.centroid[0]) ** 2 + (centre[1] - member.centroid[1]) ** 2,
          );
        }
        if (nearest > farthestDistance) {
          farthestDistance = nearest;
          farthest = member.centroid;
        }
      }
      centres.push(farthest);
    }
    const assignment = new Array<number>(members.length).fill(0);
    for (let iteration = 0; iteration < 12; iteration++) {
      members.forEach((member, index) => {
        let best = 0;
        let bestDistance = Number.POSITIVE_INFINITY;
        centres.forEach((centre, centreIndex) => {
          const distanceSquared =
            (centre[0] - member.centroid[0]) ** 2 + (centre[1] - member.centroid[1]) ** 2;
          if (distanceSquared < bestDistance) {
            bestDistance = distanceSquared;
            best = centreIndex;
          }
        });
        assignment[index] = best;
      });
      for (let centreIndex = 0; centreIndex < centres.length; centreIndex++) {
        let x = 0;
        let y = 0;
        let total = 0;
        members.forEach((member, index) => {
          if (assignment[index] !== centreIndex) return;
          x += member.centroid[0];
          y += member.centroid[1];
          total++;
        });
        if (total > 0) centres[centreIndex] = [x / total, y / total];
      }
    }
    const numbering = centres
      .map((centre, index) => ({ centre, index }))
      .sort((first, second) => second.centre[1] - first.centre[1] || first.centre[0] - second.centre[0]);
    const groupOf = new Array<number>(centres.length).fill(1);
    numbering.forEach((entry, position) => {
      groupOf[entry.index] = position + 1;
    });
    members.forEach((member, index) => {
      member.group = groupOf[assignment[index] as number] as number;
    });
  }
  return groupCounts;
}

/**
 * Sorts parcels village by village, group by group, then in a serpentine through 120 m bands from north to south
 * (how a survey team walks and numbers a group), and hands out ids and codes `520115-V03-0421`.
 */
export function orderAndCode(records: ParcelRecord[], villageCodes: readonly string[]): ParcelRecord[] {
  const bandOf = (record: ParcelRecord) => Math.floor(-record.centroid[1] / 120);
  const sorted = [...records].sort((first, second) => {
    if (first.village !== second.village) return first.village - second.village;
    if (first.group !== second.group) return first.group - second.group;
    const firstBand = bandOf(first);
    const secondBand = bandOf(second);
    if (firstBand !== secondBand) return firstBand - secondBand;
    const direction = firstBand % 2 === 0 ? 1 : -1;
    return direction * (first.centroid[0] - second.centroid[0]) || first.centroid[1] - second.centroid[1];
  });
  const serialWidth = Math.max(4, String(sorted.length).length);
  const serials = new Map<number, number>();
  sorted.forEach((record, index) => {
    const serial = (serials.get(record.village) ?? 0) + 1;
    serials.set(record.village, serial);
    record.id = index + 1;
    record.code = `${REGION_CODE}-${villageCodes[record.village]}-${String(serial).padStart(serialWidth, '0')}`;
  });
  return sorted;
}

/** Building floor area (㎡) and structure: nearly every homestead, most collective plots, a rare field shed. */
export function assignBuildings(random: Random, records: readonly ParcelRecord[]): void {
  for (const record of records) {
    const area = record.raw.area;
    let buildingArea: number | null = null;
    let structure: Structure | null = null;
    if (record.landClass === 'homestead' && random.chance(0.97)) {
      const floors = random.weighted([
        [1, 0.22],
        [2, 0.46],
        [3, 0.26],
        [4, 0.06],
      ] as const);
      const footprint = area * random.range(0.3, 0.6);
      buildingArea = Math.max(80, Math.min(450, footprint * floors * random.range(0.9, 1.1)));
      structure = random.weighted([
        ['brickConcrete', 0.55],
        ['frame', 0.18],
        ['brickWood', 0.2],
        ['simple', 0.07],
      ] as const);
    } else if (record.landClass === 'collective' && random.chance(0.6)) {
      const floors = random.weighted([
        [1, 0.6],
        [2, 0.3],
        [3, 0.1],
      ] as const);
      buildingArea = Math.max(150, Math.min(3000, area * random.range(0.2, 0.5) * floors));
      structure = random.weighted([
        ['frame', 0.45],
        ['brickConcrete', 0.35],
        ['simple', 0.2],
      ] as const);
    } else if (
      (record.landClass === 'farmland' && random.chance(0.02)) ||
      (record.landClass === 'orchard' && random.chance(0.04))
    ) {
      // A tool shed or an orchard keeper's hut.
      buildingArea = random.range(8, 40);
      structure = 'simple';
    }
    record.buildingArea = buildingArea === null ? null : roundTo(buildingArea, 2);
    record.structure = structure;
  }
}

/** Household heads: name, ID number (unique), mobile number (unique), and the 干部户 flag (~1.5 %). */
export function assignHouseholds(random: Random, records: readonly ParcelRecord[]): void {
  const idNumbers = new Set<string>();
  const phones = new Set<string>();
  for (const record of records) {
    const male = random.chance(0.86);
    record.holder = synthesizePersonName(random, male);
    // Household heads were born mostly in the 1950s–70s.
    const birthYear = Math.round(Math.max(1938, Math.min(1998, random.normal(1966, 11))));
    let idNumber = synthesizeIdNumber(random, { regionCode: REGION_CODE, birthYear, male });
    while (idNumbers.has(idNumber))
      idNumber = synthesizeIdNumber(random, { regionCode: REGION_CODE, birthYear, male });
    idNumbers.add(idNumber);
    record.idNumber = idNumber;
    let phone = synthesizeMobileNumber(random);
    while (phones.has(phone)) phone = synthesizeMobileNumber(random);
    phones.add(phone);
    record.phone = phone;
    // Officials' households live in the hamlets: mostly homesteads.
    record.cadre = random.chance(record.landClass === 'homestead' ? 0.043 : 0.0035);
  }
}

/**
 * The surveyor's registered area: plane area of the drawn polygon with ±0.3 % of noise, as registrations differ
 * from recomputed areas by rounding and by the survey itself. Two decimals (㎡).
 */
export function assignSurveyAreas(random: Random, records: readonly ParcelRecord[]): void {
  for (const record of records) {
    const plane = planeAreaOfLonLatPolygon(record.rings.map((ring) => ring.slice(0, -1)));
    record.surveyArea = roundTo(plane * (1 + random.range(-0.003, 0.003)), 2);
  }
}
