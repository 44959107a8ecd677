/**
 * A small hand-made park for tests: two villages side by side, each a row of rectangular parcels with known
 * statuses, one parcel with a hole, one cadre household. Every test builds its own GeoPackage from it in a
 * temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, Polygon } from 'geojson';
import { createParkGeoPackage } from '../../server/store/create-park-geopackage.ts';
import { GeoPackageStore } from '../../server/store/geopackage-store.ts';
import type {
  ParcelSourceProperties,
  ParkDataset,
  StatusEventSource,
  VillageProperties,
} from '../../server/store/park-dataset.ts';

const WEST = 106.64;
const SOUTH = 26.61;
/** Parcels are 0.0004° × 0.0003° (≈ 40 m × 33 m). */
const PARCEL_WIDTH = 0.0004;
const PARCEL_HEIGHT = 0.0003;

function rectangle(west: number, south: number, east: number, north: number): number[][] {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

type ParcelSpec = Pick<ParcelSourceProperties, 'signing' | 'clearance' | 'landClass'> &
  Partial<Pick<ParcelSourceProperties, 'buildingArea' | 'structure' | 'cadre'>> & { hole?: boolean };

export const TEST_PARCELS: Record<string, ParcelSpec[]> = {
  V01: [
    {
      signing: 'signed',
      clearance: 'handedOver',
      landClass: 'homestead',
      buildingArea: 210.5,
      structure: 'brickConcrete',
    },
    {
      signing: 'signed',
      clearance: 'vacated',
      landClass: 'homestead',
      buildingArea: 180,
      structure: 'frame',
      cadre: true,
    },
    {
      signing: 'ruled',
      clearance: 'occupied',
      landClass: 'homestead',
      buildingArea: 95.25,
      structure: 'brickWood',
    },
    { signing: 'appraised', clearance: 'occupied', landClass: 'farmland', hole: true },
    { signing: 'surveyed', clearance: 'occupied', landClass: 'forest' },
    { signing: 'signed', clearance: 'handedOver', landClass: 'farmland' },
  ],
  V02: [
    {
      signing: 'unsurveyed',
      clearance: 'occupied',
      landClass: 'homestead',
      buildingArea: 150,
      structure: 'simple',
    },
    { signing: 'surveyed', clearance: 'occupied', landClass: 'orchard' },
    {
      signing: 'signed',
      clearance: 'demolished',
      landClass: 'collective',
      buildingArea: 400,
      structure: 'frame',
    },
    { signing: 'appraised', clearance: 'occupied', landClass: 'other' },
  ],
};

export const TEST_VILLAGES: VillageProperties[] = [
  { code: 'V01', name: '东岭村', nameEn: 'Dongling', town: '测试镇', leader: '王建国', groupCount: 2 },
  { code: 'V02', name: '西溪村', nameEn: 'Xixi', town: '测试镇', leader: '李卫东', groupCount: 1 },
];

export function testParkDataset(): ParkDataset {
  const parcels: Feature<Polygon, ParcelSourceProperties>[] = [];
  const villages: Feature<Polygon, VillageProperties>[] = [];
  const events: StatusEventSource[] = [];
  TEST_VILLAGES.forEach((village, villageIndex) => {
    const villageSouth = SOUTH + villageIndex * PARCEL_HEIGHT * 2;
    const specs = TEST_PARCELS[village.code] ?? [];
    villages.push({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          rectangle(WEST, villageSouth, WEST + PARCEL_WIDTH * 6, villageSouth + PARCEL_HEIGHT * 2),
        ],
      },
      properties: village,
    });
    specs.forEach((spec, index) => {
      const west = WEST + index * PARCEL_WIDTH;
      const rings = [rectangle(west, villageSouth, west + PARCEL_WIDTH, villageSouth + PARCEL_HEIGHT)];
      if (spec.hole) {
        rings.push(
          rectangle(west + 0.0001, villageSouth + 0.0001, west + 0.0002, villageSouth + 0.0002).reverse(),
        );
      }
      const code = `520115-${village.code}-${String(index + 1).padStart(4, '0')}`;
      parcels.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: rings },
        properties: {
          code,
          holder: `${village.name.slice(0, 1)}户主${index + 1}`,
          idNumber: `52011519800101${String(1000 + index)}`,
          phone: `1380000${String(1000 + index)}`,
          village: village.code,
          group: `${(index % village.groupCount) + 1}组`,
          landClass: spec.landClass,
          buildingArea: spec.buildingArea ?? null,
          structure: spec.structure ?? null,
          cadre: spec.cadre ?? false,
          surveyArea: 1300 + index,
          signing: spec.signing,
          clearance: spec.clearance,
        },
      });
      if (spec.signing !== 'unsurveyed') {
        events.push({
          id: events.length + 1,
          parcelCode: code,
          axis: 'signing',
          from: 'unsurveyed',
          to: 'surveyed',
          at: `2026-11-0${villageIndex + 1}T09:${String(10 + index).padStart(2, '0')}:00+08:00`,
          user: `team-${village.code.toLowerCase()}`,
          note: '入户调查完成',
        });
      }
    });
  });
  return {
    park: {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [rectangle(WEST, SOUTH, WEST + PARCEL_WIDTH * 6, SOUTH + PARCEL_HEIGHT * 4)],
      },
      properties: { name: '测试园区', nameEn: 'Test park', town: '测试镇', announcementDate: '2026-09-20' },
    },
    villages: { type: 'FeatureCollection', features: villages },
    parcels: { type: 'FeatureCollection', features: parcels },
    events,
  };
}

export interface TemporaryStore {
  store: GeoPackageStore;
  path: string;
  remove: () => void;
}

/** Builds the test park (or the given dataset) into a GeoPackage in a fresh temporary folder and opens it. */
export function temporaryStore(dataset: ParkDataset = testParkDataset()): TemporaryStore {
  const directory = mkdtempSync(join(tmpdir(), 'parcel-store-'));
  const path = join(directory, 'park.gpkg');
  createParkGeoPackage(path, dataset, { builtAt: '2026-11-20T08:00:00+08:00' });
  const store = GeoPackageStore.open(path);
  return {
    store,
    path,
    remove: () => {
      store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A park of `count` small square parcels without buildings, all unsurveyed and occupied, in one village: each can
 * take four forward moves (surveyed, appraised, signed, then handed over), which load and durability tests use.
 */
export function gridParkDataset(count: number): ParkDataset {
  const columns = Math.ceil(Math.sqrt(count));
  const size = 0.0002;
  const parcels: Feature<Polygon, ParcelSourceProperties>[] = [];
  for (let index = 0; index < count; index++) {
    const west = WEST + (index % columns) * size;
    const south = SOUTH + Math.floor(index / columns) * size;
    parcels.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [rectangle(west, south, west + size, south + size)] },
      properties: {
        code: `G-${String(index + 1).padStart(6, '0')}`,
        holder: `户主${index + 1}`,
        idNumber: null,
        phone: null,
        village: 'V01',
        group: '1组',
        landClass: 'farmland',
        buildingArea: null,
        structure: null,
        cadre: false,
        surveyArea: null,
        signing: 'unsurveyed',
        clearance: 'occupied',
      },
    });
  }
  const extent = rectangle(WEST, SOUTH, WEST + columns * size, SOUTH + columns * size);
  return {
    park: {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [extent] },
      properties: { name: '网格园区', nameEn: 'Grid park', town: '测试镇', announcementDate: '2026-09-20' },
    },
    villages: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [extent] },
          properties: TEST_VILLAGES[0] as VillageProperties,
        },
      ],
    },
    parcels: { type: 'FeatureCollection', features: parcels },
    events: [],
  };
}

/** The forward path of a grid parcel: signing to signed, then clearance straight to handed over (no building). */
export const GRID_PARCEL_PATH = [
  { axis: 'signing', to: 'surveyed' },
  { axis: 'signing', to: 'appraised' },
  { axis: 'signing', to: 'signed' },
  { axis: 'clearance', to: 'handedOver' },
] as const;
