import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, matchesFilter, type ParcelFilter } from '../../server/domain/filters.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import {
  decodeParcelGeometry,
  encodeParcelGeometry,
  type ParcelGeometryBuffers,
} from '../../server/domain/parcel-geometry-binary.ts';
import {
  CLEARANCE_STATUSES,
  type ClearanceStatus,
  hexToRgba,
  SIGNING_STATUSES,
  type SigningStatus,
} from '../../server/domain/statuses.ts';
import { DECK_LAYER_IDS, PARCELS_BEFORE_LAYER_ID } from '../../web/src/map/ids.ts';
import {
  buildParcelFillProps,
  buildParcelLayers,
  buildParcelOutlineProps,
  buildSelectionHaloProps,
  computeFilterMask,
  countVisible,
  OUTLINE_MIN_ZOOM,
  PARCEL_FILL_ALPHA,
  type ParcelLayerInput,
  parcelFillData,
  parcelRingRange,
  pointInParcel,
  ringSegmentIndices,
  statusColours,
} from '../../web/src/map/layers.ts';
import {
  PARCEL_TEXTURE_WIDTH,
  ParcelTextureExtension,
  parcelTextureData,
} from '../../web/src/map/parcel-texture-extension.ts';
import { geometryContains } from '../../web/src/map/village-hit.ts';
import { square } from '../support/geometry.ts';

const ORIGIN: [number, number] = [106.65, 26.62];

function parcel(id: number, overrides: Partial<ParcelSummary>): ParcelSummary {
  return {
    id,
    code: `P${id}`,
    holder: `户主${id}`,
    village: 'V01',
    group: '1组',
    landClass: 'homestead',
    buildingArea: 120,
    structure: 'brickConcrete',
    cadre: false,
    signing: 'unsurveyed',
    clearance: 'occupied',
    surveyArea: 100,
    ellipsoidArea: 100,
    planeArea: 100,
    version: 1,
    updatedAt: '2025-11-25T10:00:00+08:00',
    ...overrides,
  };
}

/** Nine parcels (one per signing × clearance mix); parcel 3 is a two-part MultiPolygon with a hole in one part. */
function park(): { geometry: ParcelGeometryBuffers; parcels: ParcelSummary[] } {
  const signing: SigningStatus[] = ['unsurveyed', 'surveyed', 'appraised', 'signed', 'ruled'];
  const clearance: ClearanceStatus[] = ['occupied', 'vacated', 'demolished', 'handedOver'];
  const parcels = Array.from({ length: 9 }, (_, index) =>
    parcel(100 + index, {
      village: index < 5 ? 'V01' : 'V02',
      signing: signing[index % signing.length] as SigningStatus,
      clearance: clearance[index % clearance.length] as ClearanceStatus,
      landClass: index % 2 === 0 ? 'homestead' : 'farmland',
      cadre: index === 4,
    }),
  );
  const multi: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [
      [
        ...square(106.651, 26.621, 0.001).coordinates,
        [
          [106.6513, 26.6213],
          [106.6513, 26.6216],
          [106.6516, 26.6216],
          [106.6516, 26.6213],
          [106.6513, 26.6213],
        ],
      ],
      square(106.653, 26.621, 0.0003).coordinates,
    ],
  };
  const inputs = parcels.map((summary, index) => ({
    id: summary.id,
    geometry: index === 3 ? multi : square(106.6502 + index * 0.0005, 26.6202, 0.0003),
  }));
  const bytes = encodeParcelGeometry(inputs, ORIGIN);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { geometry: decodeParcelGeometry(buffer), parcels };
}

function layerInput(overrides: Partial<ParcelLayerInput> = {}): ParcelLayerInput {
  const { geometry, parcels } = park();
  const filter = EMPTY_FILTER;
  return {
    geometry,
    parcels,
    mask: computeFilterMask(parcels, filter),
    colourBy: 'signing',
    selectedParcelIndex: null,
    zoom: 13,
    ...overrides,
  };
}

describe('status colours', () => {
  it('come from the domain table hex for every status of both axes', () => {
    for (const status of SIGNING_STATUSES) {
      expect(statusColours('signing').get(status.code)).toEqual(hexToRgba(status.color, PARCEL_FILL_ALPHA));
    }
    for (const status of CLEARANCE_STATUSES) {
      expect(statusColours('clearance').get(status.code)).toEqual(hexToRgba(status.color, PARCEL_FILL_ALPHA));
    }
  });

  it('fill every vertex of a polygon with its own parcel’s status, on the chosen axis', () => {
    for (const colourBy of ['signing', 'clearance'] as const) {
      const input = layerInput({ colourBy });
      const props = buildParcelFillProps(input);
      const colours = props.parcelColours as Uint8Array;
      const vertexParcel = parcelFillData(input.geometry).attributes.getParcelIndex.value;
      expect(vertexParcel.length).toBe(input.geometry.vertexCount);
      for (let polygon = 0; polygon < input.geometry.polygonCount; polygon++) {
        const parcelIndex = input.geometry.polygonParcelIndex[polygon] as number;
        const start = input.geometry.polygonVertexStart[polygon] as number;
        const end = input.geometry.polygonVertexStart[polygon + 1] as number;
        expect([...vertexParcel.subarray(start, end)]).toEqual(new Array(end - start).fill(parcelIndex));
        const summary = input.parcels[parcelIndex] as ParcelSummary;
        const table = colourBy === 'signing' ? SIGNING_STATUSES : CLEARANCE_STATUSES;
        const code = colourBy === 'signing' ? summary.signing : summary.clearance;
        const hex = table.find((status) => status.code === code)?.color as string;
        expect([...colours.subarray(parcelIndex * 4, parcelIndex * 4 + 4)]).toEqual(
          hexToRgba(hex, PARCEL_FILL_ALPHA),
        );
      }
    }
  });

  it('give a new colour texture when the axis or a status changes, and keep it otherwise', () => {
    const input = layerInput({ colourBy: 'signing' });
    const signing = buildParcelFillProps(input).parcelColours;
    // A filter or selection change rebuilds the props, not the texture.
    expect(buildParcelFillProps({ ...input, selectedParcelIndex: 0 }).parcelColours).toBe(signing);
    expect(buildParcelFillProps({ ...input, colourBy: 'clearance' }).parcelColours).not.toBe(signing);

    const parcels = input.parcels.slice();
    const changed = parcels[0] as ParcelSummary;
    const next = changed.signing === 'signed' ? 'surveyed' : 'signed';
    parcels[0] = { ...changed, signing: next, version: changed.version + 1 };
    const recoloured = buildParcelFillProps({ ...input, parcels }).parcelColours;
    expect(recoloured).not.toBe(signing);
    expect([...(recoloured as Uint8Array).subarray(0, 4)]).toEqual(statusColours('signing').get(next));
    expect([...(recoloured as Uint8Array).subarray(4)]).toEqual([...(signing as Uint8Array).subarray(4)]);
  });

  it('paint a past day’s colours instead of the live ones while the time slider shows one', () => {
    const input = layerInput();
    const colours = new Uint8Array(input.parcels.length * 4).fill(7);
    const props = buildParcelFillProps({ ...input, historical: { colours, key: '2026-10-01|signing' } });
    expect(props.parcelColours).toBe(colours);
  });
});

describe('the parcel textures', () => {
  it('are rows of whole parcels, padded after the last one', () => {
    const parcelCount = PARCEL_TEXTURE_WIDTH + 3;
    const colours = new Uint8Array(parcelCount * 4).map((_, index) => index % 251);
    const texture = parcelTextureData(colours, 4);
    expect([texture.width, texture.height]).toEqual([PARCEL_TEXTURE_WIDTH, 2]);
    expect(texture.data.length).toBe(PARCEL_TEXTURE_WIDTH * 2 * 4);
    expect([...texture.data.subarray(0, colours.length)]).toEqual([...colours]);
    expect(texture.data.subarray(colours.length).every((value) => value === 0)).toBe(true);
  });

  it('give the visibility bytes the same rows as the colours, a byte per parcel', () => {
    const parcelCount = PARCEL_TEXTURE_WIDTH + 3;
    const visibility = new Uint8Array(parcelCount).map((_, index) => index % 2);
    const texture = parcelTextureData(visibility, 1);
    const colours = parcelTextureData(new Uint8Array(parcelCount * 4), 4);
    expect([texture.width, texture.height]).toEqual([colours.width, colours.height]);
    expect(texture.data.length).toBe(PARCEL_TEXTURE_WIDTH * 2);
    expect([...texture.data.subarray(0, parcelCount)]).toEqual([...visibility]);
  });

  it('is one row for a small park, with no copy when it fits exactly', () => {
    const colours = new Uint8Array(5 * 4).fill(9);
    const texture = parcelTextureData(colours, 4);
    expect([texture.width, texture.height]).toEqual([5, 1]);
    expect(texture.data).toBe(colours);
  });
});

describe('GPU filter', () => {
  const filters: ParcelFilter[] = [
    EMPTY_FILTER,
    { ...EMPTY_FILTER, villages: ['V02'] },
    { ...EMPTY_FILTER, signing: ['signed', 'ruled'] },
    { ...EMPTY_FILTER, clearance: ['occupied'], landClasses: ['farmland'] },
    { ...EMPTY_FILTER, cadre: true },
    { ...EMPTY_FILTER, cadre: false, villages: ['V01'] },
    { ...EMPTY_FILTER, villages: ['V09'] },
  ];

  it('masks exactly the parcels matchesFilter accepts', () => {
    for (const filter of filters) {
      const { parcels } = park();
      const mask = computeFilterMask(parcels, filter);
      expect(Array.from(mask)).toEqual(parcels.map((summary) => (matchesFilter(summary, filter) ? 1 : 0)));
      expect(countVisible(mask)).toBe(parcels.filter((summary) => matchesFilter(summary, filter)).length);
    }
  });

  it('hides fills and outlines by the same mask, a byte per parcel, with no per-vertex filter', () => {
    for (const filter of filters) {
      const base = layerInput({ zoom: OUTLINE_MIN_ZOOM });
      const input = { ...base, mask: computeFilterMask(base.parcels, filter) };
      const fill = buildParcelFillProps(input);
      const outline = buildParcelOutlineProps(input);
      expect(fill.parcelVisibility).toBe(input.mask);
      expect(outline?.parcelVisibility).toBe(input.mask);
      for (const props of [fill, outline]) {
        expect(props?.extensions?.map((extension) => extension.constructor)).toEqual([
          ParcelTextureExtension,
        ]);
      }
    }
  });

  it('changes the visibility bytes, never the geometry or the colours, when the filter changes', () => {
    const base = layerInput({ zoom: OUTLINE_MIN_ZOOM });
    const village: ParcelFilter = { ...EMPTY_FILTER, villages: ['V02'] };
    const filtered = { ...base, mask: computeFilterMask(base.parcels, village) };
    const first = buildParcelFillProps(base);
    const second = buildParcelFillProps(filtered);
    expect(second.parcelVisibility).not.toBe(first.parcelVisibility);
    expect(second.data).toBe(first.data);
    expect(second.parcelColours).toBe(first.parcelColours);
    const firstOutline = buildParcelOutlineProps(base);
    const secondOutline = buildParcelOutlineProps(filtered);
    expect(secondOutline?.parcelVisibility).toBe(second.parcelVisibility);
    expect(secondOutline?.data).toBe(firstOutline?.data);
  });
});

describe('binary parcel fill', () => {
  it('feeds deck.gl the decoded buffers as they are, in lon/lat offsets from the buffer origin', () => {
    const input = layerInput();
    const props = buildParcelFillProps(input);
    expect(props.id).toBe(DECK_LAYER_IDS.parcelFill);
    expect(props.data).toMatchObject({
      length: input.geometry.polygonCount,
      startIndices: input.geometry.polygonVertexStart,
      attributes: {
        getPolygon: { value: input.geometry.positions, size: 2 },
        indices: input.geometry.triangleIndices,
      },
    });
    expect(props._normalize).toBe(false);
    expect(props.coordinateSystem).toBe('lnglat-offsets');
    expect(props.coordinateOrigin).toEqual([ORIGIN[0], ORIGIN[1], 0]);
    expect(props.beforeId).toBe(PARCELS_BEFORE_LAYER_ID);
    expect(props.pickable).toBe(true);
  });
});

describe('outlines', () => {
  it('are drawn only from the zoom threshold on', () => {
    expect(buildParcelOutlineProps(layerInput({ zoom: OUTLINE_MIN_ZOOM - 0.01 }))).toBeNull();
    const outline = buildParcelOutlineProps(layerInput({ zoom: OUTLINE_MIN_ZOOM }));
    expect(outline?.id).toBe(DECK_LAYER_IDS.parcelOutline);
    expect(outline?.parcelColours).toBeNull(); // one colour for every outline: the layer's own
    const ids = (zoom: number) => buildParcelLayers(layerInput({ zoom })).map((layer) => layer.props.id);
    expect(ids(12)).toEqual([DECK_LAYER_IDS.parcelFill]);
    expect(ids(16)).toEqual([DECK_LAYER_IDS.parcelFill, DECK_LAYER_IDS.parcelOutline]);
  });

  it('share the fill’s vertices and draw each ring edge once, closing every ring', () => {
    const input = layerInput({ zoom: 18 });
    const outline = buildParcelOutlineProps(input)?.data as unknown as ReturnType<typeof parcelFillData>;
    const fill = parcelFillData(input.geometry);
    expect(outline.attributes.getPolygon).toBe(fill.attributes.getPolygon);
    expect(outline.attributes.getParcelIndex).toBe(fill.attributes.getParcelIndex);
    const segments = outline.attributes.indices;
    expect(segments).toEqual(ringSegmentIndices(input.geometry));
    const { ringVertexStart, ringCount } = input.geometry;
    expect(segments.length).toBe(2 * (ringVertexStart[ringCount] as number));
    // Every edge stays inside its ring, and every vertex starts one edge and ends another.
    const ringOf = (vertex: number) => {
      let ring = 0;
      while ((ringVertexStart[ring + 1] as number) <= vertex) ring++;
      return ring;
    };
    const starts = new Map<number, number>();
    const ends = new Map<number, number>();
    for (let index = 0; index < segments.length; index += 2) {
      const from = segments[index] as number;
      const to = segments[index + 1] as number;
      expect(ringOf(from)).toBe(ringOf(to));
      starts.set(from, (starts.get(from) ?? 0) + 1);
      ends.set(to, (ends.get(to) ?? 0) + 1);
    }
    for (let vertex = 0; vertex < (ringVertexStart[ringCount] as number); vertex++) {
      expect([starts.get(vertex), ends.get(vertex)]).toEqual([1, 1]);
    }
    // The last edge of the first ring closes it.
    const firstRingEnd = ringVertexStart[1] as number;
    expect([segments[2 * firstRingEnd - 2], segments[2 * firstRingEnd - 1]]).toEqual([firstRingEnd - 1, 0]);
  });
});

describe('selection', () => {
  it('outlines every ring of the selected parcel, holes and all parts included', () => {
    const input = layerInput({ selectedParcelIndex: 3 });
    expect(parcelRingRange(input.geometry, 3)).toEqual([3, 6]);
    const layers = buildParcelLayers(input);
    const selection = layers.find((layer) => layer.props.id === DECK_LAYER_IDS.selection);
    expect(selection?.props.data).toMatchObject({ length: 3 });
    expect(layers.map((layer) => layer.props.id)).toEqual([
      DECK_LAYER_IDS.parcelFill,
      DECK_LAYER_IDS.selectionCasing,
      DECK_LAYER_IDS.selection,
      DECK_LAYER_IDS.selectionHalo,
    ]);
  });

  it('adds no selection layers without a selection', () => {
    expect(buildSelectionHaloProps(layerInput())).toBeNull();
    expect(buildParcelLayers(layerInput()).map((layer) => layer.props.id)).toEqual([
      DECK_LAYER_IDS.parcelFill,
    ]);
  });

  it('finds a point strictly inside a parcel, even one with a hole', () => {
    const { geometry } = park();
    const outer = square(106.651, 26.621, 0.001);
    const point = pointInParcel(geometry, 3) as [number, number];
    expect(geometryContains(outer, point)).toBe(true);
    const hole = square(106.6513, 26.6213, 0.0003);
    expect(geometryContains(hole, point)).toBe(false);
    expect(pointInParcel(geometry, 99)).toBeNull();
  });

  it('finds a point well inside a parcel, not on a sliver along its edge', () => {
    // A square whose south edge is surveyed as a slight bow of several points, its ring starting on the bow:
    // earcut's first triangle is then a narrow one along the west edge.
    const [west, south, size] = [106.651, 26.621, 0.001];
    const ring = [
      [0.25, 0.01],
      [0.5, 0.015],
      [0.75, 0.01],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ].map(([x, y]) => [west + (x as number) * size, south + (y as number) * size]);
    const bytes = encodeParcelGeometry(
      [{ id: 1, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0] as number[]]] } }],
      ORIGIN,
    );
    const geometry = decodeParcelGeometry(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const [x, y] = pointInParcel(geometry, 0) as [number, number];
    const clearance = Math.min(x - west, west + size - x, y - south, south + size - y);
    expect(clearance).toBeGreaterThan(size * 0.2);
  });
});
