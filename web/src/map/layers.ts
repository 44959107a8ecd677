/**
 * deck.gl layer props for the parcels, built by pure functions from (data, filter, colour axis, selection, zoom).
 * They are plain objects, testable without WebGL; `park-map.ts` only wraps them in layer classes.
 *
 * Costs on software WebGL (measured on the 2-core build machines): a colour change replaces the fills' per-parcel
 * colour texture and a filter change the per-parcel visibility texture of fills and outlines
 * (`ParcelTextureExtension`); neither touches geometry. Outlines are one-pixel GL lines over the fills' vertices
 * (`ParcelOutlineLayer`), drawn only from `OUTLINE_MIN_ZOOM` on, where a parcel is wide enough to need one.
 */
import { COORDINATE_SYSTEM } from '@deck.gl/core';
import type { PathLayerProps, ScatterplotLayerProps, SolidPolygonLayerProps } from '@deck.gl/layers';
import { matchesFilter, type ParcelFilter } from '../../../server/domain/filters.ts';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import type { ParcelGeometryBuffers } from '../../../server/domain/parcel-geometry-binary.ts';
import { PROBLEM_STATUSES, type Problem, type ProblemStatus } from '../../../server/domain/problems.ts';
import { type Axis, hexToRgba, STATUSES_BY_AXIS } from '../../../server/domain/statuses.ts';
import { DECK_LAYER_IDS, MAP_LAYER_IDS, PARCELS_BEFORE_LAYER_ID } from './ids.ts';
import { ParcelTextureExtension, type ParcelTextureExtensionProps } from './parcel-texture-extension.ts';

/** Parcel outlines are drawn from this zoom on (at zoom 15 a 40 m parcel is ~25 px wide). */
export const OUTLINE_MIN_ZOOM = 15;
/** Fills are nearly opaque: the status colour is the map's message. */
export const PARCEL_FILL_ALPHA = 235;

export type Rgba = [number, number, number, number];

const OUTLINE_COLOUR: Rgba = [6, 10, 18, 190];
const SELECTION_COLOUR: Rgba = [255, 255, 255, 255];
const SELECTION_CASING_COLOUR: Rgba = [0, 0, 0, 230];

/** Shared extension instances: a new instance on every update would re-initialise the layer. */
const PARCEL_TEXTURE_EXTENSION = new ParcelTextureExtension();

/** Status code → RGBA for one axis, derived from the domain table's hex colour (never typed twice). */
export function statusColours(axis: Axis, alpha = PARCEL_FILL_ALPHA): ReadonlyMap<string, Rgba> {
  return new Map(STATUSES_BY_AXIS[axis].map((status) => [status.code, hexToRgba(status.color, alpha)]));
}

const FALLBACK_COLOUR: Rgba = [255, 0, 255, 255];

export function parcelFillColour(
  parcel: ParcelSummary,
  axis: Axis,
  colours: ReadonlyMap<string, Rgba>,
): Rgba {
  return colours.get(axis === 'signing' ? parcel.signing : parcel.clearance) ?? FALLBACK_COLOUR;
}

/** 1 where the parcel passes the shared filter, 0 elsewhere: the visibility texture of fills and outlines. */
export function computeFilterMask(parcels: readonly ParcelSummary[], filter: ParcelFilter): Uint8Array {
  const mask = new Uint8Array(parcels.length);
  parcels.forEach((parcel, index) => {
    mask[index] = matchesFilter(parcel, filter) ? 1 : 0;
  });
  return mask;
}

export function countVisible(mask: Uint8Array): number {
  let count = 0;
  for (const value of mask) count += value;
  return count;
}

export interface ParcelLayerInput {
  geometry: ParcelGeometryBuffers;
  /** `parcels[i]` belongs to geometry parcel index i. */
  parcels: readonly ParcelSummary[];
  /** `computeFilterMask(parcels, filter)`: a new array exactly when the filter or a status changes (re-uploaded). */
  mask: Uint8Array;
  colourBy: Axis;
  /** Geometry parcel index of the selected parcel. */
  selectedParcelIndex: number | null;
  zoom: number;
  /**
   * The time slider's past day: RGBA per parcel (`historicalFillColours`) painted instead of the live statuses, and
   * the key that changes with it (day and axis). Absent or null: the live map.
   */
  historical?: { colours: Uint8Array; key: string } | null;
}

/** Props every parcel layer shares: binary lon/lat offsets from the buffer's origin (float32-safe to ~1 mm). */
interface BinaryPlacement {
  coordinateSystem: typeof COORDINATE_SYSTEM.LNGLAT_OFFSETS;
  coordinateOrigin: [number, number, number];
  /** Interleaved with maplibre: drawn just below this maplibre layer. */
  beforeId: string;
  /**
   * Flat 2D layers need no depth buffer: without it, draw order alone decides (outline over fill, selection on top)
   * and nothing deck.gl writes can hide a later maplibre layer (boundaries, village names) in the shared context.
   */
  parameters: { depthWriteEnabled: false; depthCompare: 'always' };
}

export type ParcelFillProps = SolidPolygonLayerProps<unknown> & ParcelTextureExtensionProps & BinaryPlacement;
export type ParcelOutlineProps = SolidPolygonLayerProps<unknown> &
  ParcelTextureExtensionProps &
  BinaryPlacement;
export type ParcelPathProps = PathLayerProps<unknown> & BinaryPlacement;

export type SelectionHaloProps = ScatterplotLayerProps<[number, number]> & BinaryPlacement;

export type ProblemMarkerProps = ScatterplotLayerProps<ProblemMarker> & BinaryPlacement;

export type ParcelLayerDescriptor =
  | { kind: 'solid-polygon'; props: ParcelFillProps }
  | { kind: 'outline'; props: ParcelOutlineProps }
  | { kind: 'path'; props: ParcelPathProps }
  | { kind: 'scatterplot'; props: SelectionHaloProps }
  | { kind: 'problem-markers'; props: ProblemMarkerProps };

function placement(geometry: ParcelGeometryBuffers): BinaryPlacement {
  return {
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [geometry.origin[0], geometry.origin[1], 0],
    beforeId: PARCELS_BEFORE_LAYER_ID,
    parameters: { depthWriteEnabled: false, depthCompare: 'always' },
  };
}

interface BinaryPolygonData {
  length: number;
  startIndices: Uint32Array;
  attributes: {
    getPolygon: { value: Float32Array; size: 2 };
    indices: Uint32Array;
    /** Per vertex: the parcel (geometry index) it belongs to, for `ParcelTextureExtension`. */
    getParcelIndex: { value: Float32Array; size: 1 };
  };
}

interface BinaryPathData {
  length: number;
  startIndices: Uint32Array;
  attributes: { getPath: { value: Float32Array; size: 2 } };
}

// The same geometry must yield the same data object, or deck.gl would rebuild every vertex buffer.
const fillDataCache = new WeakMap<ParcelGeometryBuffers, BinaryPolygonData>();
const outlineDataCache = new WeakMap<ParcelGeometryBuffers, BinaryPolygonData>();

export function parcelFillData(geometry: ParcelGeometryBuffers): BinaryPolygonData {
  let data = fillDataCache.get(geometry);
  if (!data) {
    data = {
      length: geometry.polygonCount,
      startIndices: geometry.polygonVertexStart,
      attributes: {
        getPolygon: { value: geometry.positions, size: 2 },
        indices: geometry.triangleIndices,
        getParcelIndex: { value: vertexParcelIndices(geometry), size: 1 },
      },
    };
    fillDataCache.set(geometry, data);
  }
  return data;
}

/** The parcel of every vertex (float32: exact up to 16 million parcels), from the polygons' vertex ranges. */
export function vertexParcelIndices(geometry: ParcelGeometryBuffers): Float32Array {
  const indices = new Float32Array(geometry.positions.length / 2);
  const starts = geometry.polygonVertexStart;
  for (let polygon = 0; polygon < geometry.polygonCount; polygon++) {
    indices.fill(
      geometry.polygonParcelIndex[polygon] as number,
      starts[polygon] as number,
      starts[polygon + 1] as number,
    );
  }
  return indices;
}

// A new colours array re-uploads the colour texture: the same parcels on the same axis must give the same array.
const liveColourCache = new WeakMap<readonly ParcelSummary[], Partial<Record<Axis, Uint8Array>>>();

/** RGBA per parcel (geometry order) in its current status colour on one axis. */
export function liveFillColours(parcels: readonly ParcelSummary[], axis: Axis): Uint8Array {
  const cached = liveColourCache.get(parcels) ?? {};
  const hit = cached[axis];
  if (hit) return hit;
  const palette = statusColours(axis);
  const colours = new Uint8Array(parcels.length * 4);
  parcels.forEach((parcel, index) => {
    colours.set(parcelFillColour(parcel, axis, palette), index * 4);
  });
  cached[axis] = colours;
  liveColourCache.set(parcels, cached);
  return colours;
}

/**
 * The fill's vertices with an index buffer of ring segments instead of triangles, for `ParcelOutlineLayer`: each
 * ring's consecutive vertices, and its last back to its first (rings are stored open). Shares the fill's
 * positions and parcel indices.
 */
export function parcelOutlineData(geometry: ParcelGeometryBuffers): BinaryPolygonData {
  let data = outlineDataCache.get(geometry);
  if (!data) {
    const fill = parcelFillData(geometry);
    data = { ...fill, attributes: { ...fill.attributes, indices: ringSegmentIndices(geometry) } };
    outlineDataCache.set(geometry, data);
  }
  return data;
}

/** Vertex pairs `[a, b, a, b, …]`, one per ring edge, closing each ring. */
export function ringSegmentIndices(geometry: ParcelGeometryBuffers): Uint32Array {
  const starts = geometry.ringVertexStart;
  const indices = new Uint32Array(2 * (starts[geometry.ringCount] as number));
  let cursor = 0;
  for (let ring = 0; ring < geometry.ringCount; ring++) {
    const first = starts[ring] as number;
    const end = starts[ring + 1] as number;
    for (let vertex = first; vertex < end; vertex++) {
      indices[cursor++] = vertex;
      indices[cursor++] = vertex + 1 < end ? vertex + 1 : first;
    }
  }
  return indices;
}

export function buildParcelFillProps(input: ParcelLayerInput): ParcelFillProps {
  const { geometry, parcels, mask, colourBy } = input;
  return {
    id: DECK_LAYER_IDS.parcelFill,
    ...placement(geometry),
    data: parcelFillData(geometry),
    _normalize: false,
    pickable: true,
    // Opaque black times the layer opacity; the colour itself comes from the parcel's texel.
    getFillColor: [0, 0, 0, 255],
    // While a past day is shown, live changes must not repaint it: only the day and axis change its colours.
    parcelColours: input.historical ? input.historical.colours : liveFillColours(parcels, colourBy),
    // The mask is a new array exactly when the filter or a status changes: only then is it uploaded again.
    parcelVisibility: mask,
    extensions: [PARCEL_TEXTURE_EXTENSION],
  };
}

/** Outlines of the visible parcels, or null below `OUTLINE_MIN_ZOOM`. */
export function buildParcelOutlineProps(input: ParcelLayerInput): ParcelOutlineProps | null {
  if (input.zoom < OUTLINE_MIN_ZOOM) return null;
  return {
    id: DECK_LAYER_IDS.parcelOutline,
    ...placement(input.geometry),
    data: parcelOutlineData(input.geometry),
    _normalize: false,
    getFillColor: OUTLINE_COLOUR,
    // The fills' mask: a filtered parcel loses its outline with its fill.
    parcelVisibility: input.mask,
    parcelColours: null,
    extensions: [PARCEL_TEXTURE_EXTENSION],
  };
}

/** The rings `[first, end)` of a parcel; rings are stored parcel by parcel, so a binary search finds them. */
export function parcelRingRange(
  geometry: ParcelGeometryBuffers,
  parcelIndex: number,
): [number, number] | null {
  const rings = geometry.ringParcelIndex;
  let low = 0;
  let high = rings.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((rings[middle] as number) < parcelIndex) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < rings.length && rings[end] === parcelIndex) end++;
  return end > low ? [low, end] : null;
}

/** A small binary path dataset of one parcel's rings (zero-copy view into the shared positions). */
export function selectedParcelPathData(
  geometry: ParcelGeometryBuffers,
  parcelIndex: number,
): BinaryPathData | null {
  const range = parcelRingRange(geometry, parcelIndex);
  if (!range) return null;
  const [firstRing, endRing] = range;
  const firstVertex = geometry.ringVertexStart[firstRing] as number;
  const endVertex = geometry.ringVertexStart[endRing] as number;
  const startIndices = new Uint32Array(endRing - firstRing + 1);
  for (let ring = firstRing; ring <= endRing; ring++) {
    startIndices[ring - firstRing] = (geometry.ringVertexStart[ring] as number) - firstVertex;
  }
  return {
    length: endRing - firstRing,
    startIndices,
    attributes: { getPath: { value: geometry.positions.subarray(firstVertex * 2, endVertex * 2), size: 2 } },
  };
}

/** A dark casing under a white line: visible on every status colour. Drawn whatever the filter. */
export function buildSelectionProps(input: ParcelLayerInput): ParcelPathProps[] {
  if (input.selectedParcelIndex === null) return [];
  const data = selectedParcelPathData(input.geometry, input.selectedParcelIndex);
  if (!data) return [];
  const common = {
    ...placement(input.geometry),
    data,
    _pathType: 'loop' as const,
    widthUnits: 'pixels' as const,
  };
  return [
    { ...common, id: DECK_LAYER_IDS.selectionCasing, getColor: SELECTION_CASING_COLOUR, getWidth: 7 },
    { ...common, id: DECK_LAYER_IDS.selection, getColor: SELECTION_COLOUR, getWidth: 3 },
  ];
}

/**
 * A fixed-size ring around the selected parcel: at park scale a household is a few pixels wide, and a wall-screen
 * viewer must still find it. Positioned in the buffer's offset coordinates like the parcels.
 */
export function buildSelectionHaloProps(input: ParcelLayerInput): SelectionHaloProps | null {
  if (input.selectedParcelIndex === null) return null;
  const point = pointInParcel(input.geometry, input.selectedParcelIndex);
  if (!point) return null;
  const [originLongitude, originLatitude] = input.geometry.origin;
  return {
    id: DECK_LAYER_IDS.selectionHalo,
    ...placement(input.geometry),
    data: [[point[0] - originLongitude, point[1] - originLatitude]],
    getPosition: (offset) => offset,
    radiusUnits: 'pixels',
    getRadius: 18,
    stroked: true,
    filled: false,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    getLineColor: SELECTION_COLOUR,
  };
}

/** Every parcel layer, bottom to top. */
export function buildParcelLayers(input: ParcelLayerInput): ParcelLayerDescriptor[] {
  const layers: ParcelLayerDescriptor[] = [{ kind: 'solid-polygon', props: buildParcelFillProps(input) }];
  const outline = buildParcelOutlineProps(input);
  if (outline) layers.push({ kind: 'outline', props: outline });
  for (const props of buildSelectionProps(input)) layers.push({ kind: 'path', props });
  const halo = buildSelectionHaloProps(input);
  if (halo) layers.push({ kind: 'scatterplot', props: halo });
  return layers;
}

/**
 * A point well inside a parcel, `[lon, lat]`: the centroid of the largest triangle of its first polygon. The first
 * triangle earcut clips is often a sliver along the edge, where a marker sits on the neighbour's border and a
 * test's pixel falls on the neighbour.
 */
export function pointInParcel(geometry: ParcelGeometryBuffers, parcelIndex: number): [number, number] | null {
  let polygon = 0;
  while (polygon < geometry.polygonCount && geometry.polygonParcelIndex[polygon] !== parcelIndex) polygon++;
  if (polygon === geometry.polygonCount) return null;
  const start = geometry.polygonVertexStart[polygon] as number;
  const end = geometry.polygonVertexStart[polygon + 1] as number;
  const { positions, triangleIndices: triangles } = geometry;
  let best: [number, number] | null = null;
  let bestArea = -1;
  for (let index = 0; index + 2 < triangles.length; index += 3) {
    const a = triangles[index] as number;
    if (a < start || a >= end) continue;
    const b = triangles[index + 1] as number;
    const c = triangles[index + 2] as number;
    const ax = positions[a * 2] as number;
    const ay = positions[a * 2 + 1] as number;
    const bx = positions[b * 2] as number;
    const by = positions[b * 2 + 1] as number;
    const cx = positions[c * 2] as number;
    const cy = positions[c * 2 + 1] as number;
    const area = Math.abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
    if (area > bestArea) {
      bestArea = area;
      best = [geometry.origin[0] + (ax + bx + cx) / 3, geometry.origin[1] + (ay + by + cy) / 3];
    }
  }
  return best;
}

/** The middle of the first edge of a parcel's first ring, `[lon, lat]`: where its outline runs; for tests. */
export function pointOnParcelEdge(
  geometry: ParcelGeometryBuffers,
  parcelIndex: number,
): [number, number] | null {
  const range = parcelRingRange(geometry, parcelIndex);
  if (!range) return null;
  const first = geometry.ringVertexStart[range[0]] as number;
  const { positions, origin } = geometry;
  return [
    origin[0] + ((positions[2 * first] as number) + (positions[2 * first + 2] as number)) / 2,
    origin[1] + ((positions[2 * first + 1] as number) + (positions[2 * first + 3] as number)) / 2,
  ];
}

// pointInParcel walks the buffers; a marker's anchor is asked for on every redraw, so it is remembered per geometry.
const anchorCache = new WeakMap<ParcelGeometryBuffers, Map<number, [number, number] | null>>();

/** `pointInParcel`, remembered: where a parcel's marker (problem, selection) is anchored. */
export function parcelAnchor(geometry: ParcelGeometryBuffers, parcelIndex: number): [number, number] | null {
  let anchors = anchorCache.get(geometry);
  if (!anchors) {
    anchors = new Map();
    anchorCache.set(geometry, anchors);
  }
  if (!anchors.has(parcelIndex)) anchors.set(parcelIndex, pointInParcel(geometry, parcelIndex));
  return anchors.get(parcelIndex) ?? null;
}

/** `[west, south, east, north]` of a parcel's rings, or null for an unknown index: what the map flies to. */
export function parcelBounds(
  geometry: ParcelGeometryBuffers,
  parcelIndex: number,
): [number, number, number, number] | null {
  const range = parcelRingRange(geometry, parcelIndex);
  if (!range) return null;
  const firstVertex = geometry.ringVertexStart[range[0]] as number;
  const endVertex = geometry.ringVertexStart[range[1]] as number;
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (let vertex = firstVertex; vertex < endVertex; vertex++) {
    const longitude = geometry.positions[vertex * 2] as number;
    const latitude = geometry.positions[vertex * 2 + 1] as number;
    west = Math.min(west, longitude);
    east = Math.max(east, longitude);
    south = Math.min(south, latitude);
    north = Math.max(north, latitude);
  }
  const [originLongitude, originLatitude] = geometry.origin;
  return [west + originLongitude, south + originLatitude, east + originLongitude, north + originLatitude];
}

/** One marker per parcel with open or assigned problems (问题上报), coloured by its most urgent one. */
export interface ProblemMarker {
  parcelId: number;
  /** The worst status among the parcel's active problems: `open` before `assigned`. */
  status: ProblemStatus;
  count: number;
  /** Offset from the geometry origin, like every parcel layer. */
  offset: [number, number];
}

export function problemMarkers(
  problems: readonly Problem[],
  geometry: ParcelGeometryBuffers,
  parcelIndex: ReadonlyMap<number, number>,
): ProblemMarker[] {
  const order = new Map(PROBLEM_STATUSES.map((status) => [status.code, status.order]));
  const byParcel = new Map<number, ProblemMarker>();
  for (const problem of problems) {
    if (problem.status === 'resolved') continue;
    const held = byParcel.get(problem.parcelId);
    if (held) {
      held.count++;
      if ((order.get(problem.status) ?? 0) < (order.get(held.status) ?? 0)) held.status = problem.status;
      continue;
    }
    const index = parcelIndex.get(problem.parcelId);
    const anchor = index === undefined ? null : parcelAnchor(geometry, index);
    if (!anchor) continue;
    byParcel.set(problem.parcelId, {
      parcelId: problem.parcelId,
      status: problem.status,
      count: 1,
      offset: [anchor[0] - geometry.origin[0], anchor[1] - geometry.origin[1]],
    });
  }
  // Open problems drawn last, on top of assigned ones nearby.
  return [...byParcel.values()].sort(
    (first, second) => (order.get(second.status) ?? 0) - (order.get(first.status) ?? 0),
  );
}

/** Problem status → RGBA, from the domain's problem table. */
export function problemStatusColours(): ReadonlyMap<string, Rgba> {
  return new Map(PROBLEM_STATUSES.map((status) => [status.code, hexToRgba(status.color)]));
}

const MARKER_OUTLINE_COLOUR: Rgba = [255, 255, 255, 255];
/** Pixels: big enough to find on a wall screen at park scale and to tap with a finger when zoomed in. */
export const PROBLEM_MARKER_RADIUS = 8;

/**
 * Problem markers above the parcels and boundaries, below the village names; pickable, and a pick selects the
 * marker's parcel. Marker ids and statuses go into `updateTriggers`, so a newly assigned problem recolours.
 */
export function buildProblemMarkerProps(
  markers: readonly ProblemMarker[],
  geometry: ParcelGeometryBuffers,
  selectedParcelId: number | null,
): ProblemMarkerProps | null {
  if (markers.length === 0) return null;
  const colours = problemStatusColours();
  const key = markers.map((marker) => `${marker.parcelId}:${marker.status}`).join(',');
  return {
    id: DECK_LAYER_IDS.problemMarkers,
    ...placement(geometry),
    beforeId: MAP_LAYER_IDS.villageLabels,
    data: markers as ProblemMarker[],
    pickable: true,
    getPosition: (marker) => marker.offset,
    radiusUnits: 'pixels',
    getRadius: (marker) =>
      marker.parcelId === selectedParcelId ? PROBLEM_MARKER_RADIUS + 3 : PROBLEM_MARKER_RADIUS,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    getLineColor: MARKER_OUTLINE_COLOUR,
    getFillColor: (marker) => colours.get(marker.status) ?? FALLBACK_COLOUR,
    updateTriggers: { getFillColor: key, getRadius: [key, selectedParcelId] },
  };
}
