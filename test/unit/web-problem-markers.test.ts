import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  decodeParcelGeometry,
  encodeParcelGeometry,
  type ParcelGeometryBuffers,
} from '../../server/domain/parcel-geometry-binary.ts';
import { PROBLEM_STATUSES, type Problem } from '../../server/domain/problems.ts';
import { hexToRgba } from '../../server/domain/statuses.ts';
import type { VillageCollection } from '../../web/src/api/client.ts';
import {
  focusPadding,
  PHONE_SEARCH_HEIGHT,
  PHONE_TIME_SLIDER_BOTTOM,
  TIME_SLIDER_HEIGHT,
  WALL_DOCK_HEIGHT,
} from '../../web/src/map/camera.ts';
import { DECK_LAYER_IDS, MAP_LAYER_IDS } from '../../web/src/map/ids.ts';
import {
  buildProblemMarkerProps,
  parcelAnchor,
  parcelBounds,
  pointInParcel,
  problemMarkers,
} from '../../web/src/map/layers.ts';
import { geometryContains, villagesBounds } from '../../web/src/map/village-hit.ts';
import { square } from '../support/geometry.ts';

const ORIGIN: [number, number] = [106.65, 26.62];

/** Three square parcels (ids 10, 11, 12) side by side, 0.0004° apart. */
function park(): { geometry: ParcelGeometryBuffers; squares: Polygon[]; index: Map<number, number> } {
  const squares = [0, 1, 2].map((position) => square(106.6502 + position * 0.0006, 26.6202, 0.0004));
  const bytes = encodeParcelGeometry(
    squares.map((geometry, position) => ({ id: 10 + position, geometry })),
    ORIGIN,
  );
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return {
    geometry: decodeParcelGeometry(buffer),
    squares,
    index: new Map([
      [10, 0],
      [11, 1],
      [12, 2],
    ]),
  };
}

function problem(id: number, parcelId: number, status: Problem['status']): Problem {
  return {
    id,
    parcelId,
    parcelCode: `P${parcelId}`,
    village: 'V03',
    kind: 'areaDispute',
    description: '面积有异议',
    status,
    assignee: status === 'open' ? null : '李科长',
    reportedBy: 'team-v03',
    reportedAt: '2026-11-26T04:00:00.000Z',
    updatedAt: '2026-11-26T04:00:00.000Z',
    version: 1,
  };
}

describe('problem markers', () => {
  it('puts one marker per parcel with unresolved problems, at the parcel’s interior point, worst status wins', () => {
    const { geometry, squares, index } = park();
    const markers = problemMarkers(
      [
        problem(1, 10, 'assigned'),
        problem(2, 10, 'open'),
        problem(3, 11, 'resolved'),
        problem(4, 12, 'assigned'),
      ],
      geometry,
      index,
    );
    expect(markers.map((marker) => [marker.parcelId, marker.status, marker.count])).toEqual([
      [12, 'assigned', 1],
      [10, 'open', 2],
    ]);
    for (const marker of markers) {
      const position = index.get(marker.parcelId) as number;
      const lonLat: [number, number] = [marker.offset[0] + ORIGIN[0], marker.offset[1] + ORIGIN[1]];
      expect(lonLat).toEqual(pointInParcel(geometry, position));
      expect(geometryContains(squares[position] as Polygon, lonLat)).toBe(true);
    }
  });

  it('skips problems on parcels the map does not have', () => {
    const { geometry, index } = park();
    expect(problemMarkers([problem(1, 99, 'open')], geometry, index)).toEqual([]);
  });

  it('builds a pickable scatterplot coloured from the domain’s problem table, under the village names', () => {
    const { geometry, index } = park();
    const markers = problemMarkers([problem(1, 10, 'open'), problem(2, 12, 'assigned')], geometry, index);
    const props = buildProblemMarkerProps(markers, geometry, 12);
    expect(props?.id).toBe(DECK_LAYER_IDS.problemMarkers);
    expect(props?.beforeId).toBe(MAP_LAYER_IDS.villageLabels);
    expect(props?.pickable).toBe(true);
    const getFillColor = props?.getFillColor as unknown as (marker: (typeof markers)[number]) => number[];
    const getRadius = props?.getRadius as unknown as (marker: (typeof markers)[number]) => number;
    const colourOf = (code: string) =>
      hexToRgba(PROBLEM_STATUSES.find((status) => status.code === code)?.color ?? '');
    const open = markers.find((marker) => marker.parcelId === 10);
    const assigned = markers.find((marker) => marker.parcelId === 12);
    expect(open && getFillColor(open)).toEqual(colourOf('open'));
    expect(assigned && getFillColor(assigned)).toEqual(colourOf('assigned'));
    expect(assigned && open && getRadius(assigned) > getRadius(open)).toBe(true);
    expect(props?.updateTriggers).toEqual({
      getFillColor: '12:assigned,10:open',
      getRadius: ['12:assigned,10:open', 12],
    });
  });

  it('draws no layer when nothing is unresolved', () => {
    const { geometry } = park();
    expect(buildProblemMarkerProps([], geometry, null)).toBeNull();
  });

  it('remembers anchors per geometry', () => {
    const { geometry } = park();
    expect(parcelAnchor(geometry, 1)).toEqual(pointInParcel(geometry, 1));
    expect(parcelAnchor(geometry, 1)).toBe(parcelAnchor(geometry, 1));
    expect(parcelAnchor(geometry, 7)).toBeNull();
  });
});

describe('flying to a household', () => {
  it('knows each parcel’s bounds in longitude and latitude', () => {
    const { geometry } = park();
    const bounds = parcelBounds(geometry, 1) as number[];
    const expected = [106.6508, 26.6202, 106.6512, 26.6206];
    for (const [position, value] of bounds.entries())
      expect(value).toBeCloseTo(expected[position] as number, 6);
    expect(parcelBounds(geometry, 5)).toBeNull();
  });

  it('keeps the household clear of the wall screen’s panels and dock, and of the phone’s search box and time slider', () => {
    const wall = focusPadding(1920, 1004);
    expect(wall.bottom).toBeGreaterThan(WALL_DOCK_HEIGHT + TIME_SLIDER_HEIGHT);
    expect((wall.left ?? 0) + (wall.right ?? 0)).toBeLessThan(1920);
    expect((wall.top ?? 0) + (wall.bottom ?? 0)).toBeLessThan(1004);
    const phone = focusPadding(390, 420);
    expect(phone.top).toBeGreaterThan(PHONE_SEARCH_HEIGHT);
    expect(phone.bottom).toBeGreaterThan(PHONE_TIME_SLIDER_BOTTOM + TIME_SLIDER_HEIGHT);
    expect((phone.top ?? 0) + (phone.bottom ?? 0)).toBeLessThan(420);
  });
});

describe('a village team’s home view', () => {
  it('covers exactly the team’s villages, and nothing for an unknown village', () => {
    const village = (code: string, west: number) => ({
      type: 'Feature' as const,
      id: code,
      geometry: square(west, 26.62, 0.01),
      properties: {
        code,
        name: code,
        nameEn: code,
        town: '',
        leader: '',
        groupCount: 1,
        labelPoint: [west, 26.62],
      },
    });
    const villages = {
      type: 'FeatureCollection',
      features: [village('V01', 106.6), village('V03', 106.62), village('V05', 106.64)],
    } as unknown as VillageCollection;
    const bounds = villagesBounds(villages, ['V03', 'V05']) as number[];
    const expected = [106.62, 26.62, 106.65, 26.63];
    for (const [position, value] of bounds.entries())
      expect(value).toBeCloseTo(expected[position] as number, 9);
    expect(villagesBounds(villages, ['V09'])).toBeNull();
    expect(villagesBounds(villages, [])).toBeNull();
  });
});
