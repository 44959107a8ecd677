/**
 * `generatePark`: a complete synthetic park — red line, villages, parcels with attributes, and the status history —
 * as plain GeoJSON objects and an event list. Pure: no file system, no clock, no `Math.random`; the same options
 * give the same park, byte for byte once serialised (write.ts).
 *
 * `npm run sample` (generate.ts) writes the committed sample with the defaults below; benchmarks call this with a
 * larger `parcelTarget` (the park grows in proportion: about 17 km² per 8,000 parcels).
 */
import type { Position } from 'geojson';
import {
  assignBuildings,
  assignGroups,
  assignHouseholds,
  assignSurveyAreas,
  classifyLand,
  orderAndCode,
  type ParcelRecord,
} from './attributes.ts';
import { insertPointsOnEdges } from './conform.ts';
import { isRingSimple, type Point, type Ring, ringCentroid } from './geometry.ts';
import { generateHistory } from './history.ts';
import { layoutPark } from './layout.ts';
import { PARK_NAME, PARK_NAME_ENGLISH, synthesizePersonName, TOWN_NAME, villageNames } from './names.ts';
import { addPonds } from './ponds.ts';
import { Random } from './prng.ts';
import { LocalProjection, roundCoordinate } from './projection.ts';
import type { GenerateParkOptions, SampleParcelFeature, SamplePark } from './types.ts';

/** The committed sample's seed: the programme's announcement date. */
export const DEFAULT_SEED = 20260920;
export const DEFAULT_PARCEL_TARGET = 8000;
export const ANNOUNCEMENT_DATE = '2026-09-20';
/** The park's centre: hills north-west of Guiyang, Guizhou (fictional park, real terrain type). */
const CENTRE_LONGITUDE = 106.65;
const CENTRE_LATITUDE = 26.62;

export function generatePark(options: GenerateParkOptions): SamplePark {
  const { seed, parcelTarget } = options;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!(parcelTarget >= 200 && parcelTarget <= 500_000))
    throw new Error(`parcelTarget must be 200–500000, got ${parcelTarget}`);
  const random = new Random(seed >>> 0);
  const projection = new LocalProjection(CENTRE_LONGITUDE, CENTRE_LATITUDE);
  const toLonLatRing = (ring: readonly Point[]): Point[] | null => lonLatRing(projection, ring);

  const layout = layoutPark(random.fork('layout'), parcelTarget);
  addPonds(random.fork('ponds'), layout.parcels);
  const villageRings = layout.villages.map((village) =>
    insertPointsOnEdges(
      village.ring,
      layout.parcels
        .filter((parcel) => parcel.seed.village === village.index)
        .flatMap((parcel) => parcel.outer),
    ),
  );
  const parkRing = insertPointsOnEdges(layout.boundary, villageRings.flat());

  const villageCodes = layout.villages.map((village) => `V${String(village.index + 1).padStart(2, '0')}`);
  let records: ParcelRecord[] = [];
  for (const raw of layout.parcels) {
    const outer = toLonLatRing(raw.outer);
    const holes = raw.holes.map(toLonLatRing);
    // Rounding to 1 cm can, very rarely, fold a tiny corner: such parcels are left out rather than made invalid.
    if (!outer || holes.some((hole) => hole === null)) continue;
    records.push({
      raw,
      rings: [outer, ...(holes as Point[][])],
      centroid: ringCentroid(raw.outer),
      village: raw.seed.village,
      landClass: 'farmland',
      group: 1,
      id: 0,
      code: '',
      holder: '',
      idNumber: '',
      phone: '',
      buildingArea: null,
      structure: null,
      cadre: false,
      surveyArea: 0,
    });
  }

  classifyLand(random.fork('land-class'), records);
  const groupCounts = assignGroups(random.fork('groups'), records, layout.villages.length);
  records = orderAndCode(records, villageCodes);
  assignBuildings(random.fork('buildings'), records);
  assignHouseholds(random.fork('households'), records);
  assignSurveyAreas(random.fork('survey-areas'), records);
  const history = generateHistory(
    random.fork('history'),
    records.map((record) => ({
      code: record.code,
      village: record.village,
      group: record.group,
      hasBuilding: record.buildingArea !== null,
      cadre: record.cadre,
    })),
    villageCodes,
  );

  const names = villageNames(random.fork('village-names'), layout.villages.length);
  const leaderRandom = random.fork('leaders');
  const parkLonLat = toLonLatRing(parkRing);
  if (!parkLonLat) throw new Error('park boundary degenerated when rounded');

  const parcels: SampleParcelFeature[] = records.map((record, index) => ({
    type: 'Feature',
    id: record.id,
    properties: {
      code: record.code,
      holder: record.holder,
      idNumber: record.idNumber,
      phone: record.phone,
      village: villageCodes[record.village] as string,
      group: `${record.group}组`,
      landClass: record.landClass,
      buildingArea: record.buildingArea,
      structure: record.structure,
      cadre: record.cadre,
      surveyArea: record.surveyArea,
      signing: history.signing[index] ?? 'unsurveyed',
      clearance: history.clearance[index] ?? 'occupied',
    },
    geometry: { type: 'Polygon', coordinates: record.rings.map(toPositions) },
  }));

  return {
    park: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            name: PARK_NAME,
            nameEn: PARK_NAME_ENGLISH,
            town: TOWN_NAME,
            announcementDate: ANNOUNCEMENT_DATE,
          },
          geometry: { type: 'Polygon', coordinates: [toPositions(parkLonLat)] },
        },
      ],
    },
    villages: {
      type: 'FeatureCollection',
      features: layout.villages.map((village, index) => {
        const ring = toLonLatRing(villageRings[index] ?? village.ring);
        if (!ring) throw new Error(`village ${villageCodes[index]} degenerated when rounded`);
        const name = names[index];
        return {
          type: 'Feature',
          properties: {
            code: villageCodes[index] as string,
            name: name?.name ?? '',
            nameEn: name?.nameEnglish ?? '',
            town: TOWN_NAME,
            leader: synthesizePersonName(leaderRandom, leaderRandom.chance(0.8)),
            groupCount: groupCounts[index] ?? 4,
          },
          geometry: { type: 'Polygon', coordinates: [toPositions(ring)] },
        };
      }),
    },
    parcels: { type: 'FeatureCollection', features: parcels },
    events: history.events,
  };
}

/**
 * A closed, rounded longitude/latitude ring, keeping the orientation of the metric ring (the mapping preserves it);
 * consecutive points that round to the same position are merged. Null if what is left is not a simple ring.
 */
function lonLatRing(projection: LocalProjection, ring: readonly Point[]): Point[] | null {
  const result: Point[] = [];
  for (const point of ring) {
    const [longitude, latitude] = projection.toLonLat(point);
    const rounded: Point = [roundCoordinate(longitude), roundCoordinate(latitude)];
    const previous = result[result.length - 1];
    if (previous && previous[0] === rounded[0] && previous[1] === rounded[1]) continue;
    result.push(rounded);
  }
  const first = result[0];
  const last = result[result.length - 1];
  if (first && last && result.length > 1 && first[0] === last[0] && first[1] === last[1]) result.pop();
  if (result.length < 3 || !isRingSimple(result as Ring)) return null;
  return [...result, result[0] as Point];
}

function toPositions(ring: readonly Point[]): Position[] {
  return ring.map((point) => [point[0], point[1]]);
}
