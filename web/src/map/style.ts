/**
 * The offline base style, as data from pure functions (the Maputnik/Placemark habit): no glyphs, sprite or tile
 * URL anywhere, so nothing leaves the intranet. Village names are drawn by maplibre from local fonts
 * (`localIdeographFontFamily` for CJK, TinySDF for Latin) because the style has no `glyphs` property.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type {
  DataDrivenPropertyValueSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { VillageCollection } from '../api/client.ts';
import type { AreaGeometry } from '../api/types.ts';
import type { Language } from '../i18n/dictionary.ts';
import { MAP_LAYER_IDS, SOURCE_IDS } from './ids.ts';

/** The map's own colours (not status colours: those come only from `server/domain/statuses.ts`). */
export const MAP_COLOURS = {
  background: '#0b1320',
  villageFill: '#121e30',
  villageSelectedFill: '#1b3352',
  villageOutline: '#e3ecf8',
  villageSelectedOutline: '#8fc1ff',
  /** 红线: the park boundary is red by convention in Chinese planning drawings. */
  parkBoundary: '#ff4d4f',
  casing: '#05080e',
  labelText: '#f1f5fb',
  labelHalo: '#05080e',
} as const;

/** CSS font family maplibre draws CJK glyphs with; the first installed one wins. */
export const LOCAL_IDEOGRAPH_FONT_FAMILY =
  '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif';

export interface BaseStyleInput {
  boundary: AreaGeometry;
  villages: VillageCollection;
  language: Language;
}

export interface VillageLabelProperties {
  code: string;
  name: string;
  nameEn: string;
}

export function villageLabelPoints(
  villages: VillageCollection,
): FeatureCollection<Point, VillageLabelProperties> {
  return {
    type: 'FeatureCollection',
    features: villages.features.map(
      (village): Feature<Point, VillageLabelProperties> => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: village.properties.labelPoint },
        properties: {
          code: village.properties.code,
          name: village.properties.name,
          nameEn: village.properties.nameEn || village.properties.name,
        },
      }),
    ),
  };
}

export function villageLabelField(language: Language): DataDrivenPropertyValueSpecification<string> {
  return ['get', language === 'en' ? 'nameEn' : 'name'];
}

/**
 * The villages whose `selected` feature state must change to show `next` as the filter's villages instead of
 * `previous` (an empty list means every village, so none is highlighted).
 *
 * Selection is feature state, not a layer filter: a filter change makes maplibre re-tile the whole village source,
 * whose rings carry every parcel vertex on a village border (about a second at 100k parcels in software WebGL);
 * a feature-state change only rewrites the paint values of the features that changed.
 */
export function villageSelectionChanges(
  previous: readonly string[],
  next: readonly string[],
): { code: string; selected: boolean }[] {
  const before = new Set(previous);
  const after = new Set(next);
  return [
    ...[...before].filter((code) => !after.has(code)).map((code) => ({ code, selected: false })),
    ...[...after].filter((code) => !before.has(code)).map((code) => ({ code, selected: true })),
  ];
}

/** `value` for a village in the current filter (its `selected` feature state), `otherwise` for the rest. */
function whenSelected<T extends string | number>(
  value: T,
  otherwise: T,
): DataDrivenPropertyValueSpecification<T> {
  return ['case', ['boolean', ['feature-state', 'selected'], false], value, otherwise];
}

/** The parcels' slot: hidden background layers have nothing to load and nothing to draw. */
const PARCEL_SLOT_LAYERS: LayerSpecification[] = [
  MAP_LAYER_IDS.parcelSlotStart,
  MAP_LAYER_IDS.parcelSlotEnd,
].map((id) => ({ id, type: 'background', layout: { visibility: 'none' } }));

const BACKGROUND_LAYER: LayerSpecification = {
  id: MAP_LAYER_IDS.background,
  type: 'background',
  paint: { 'background-color': MAP_COLOURS.background },
};

/**
 * The style the map starts with, before the park has loaded: the background and the parcels' slot of
 * `buildBaseStyle`. No source, so the map loads without waiting for its worker, and the parcels can be drawn in
 * their slot before the park's own layers are added around it (`missingLayerPlacements`).
 */
export function buildEmptyStyle(): StyleSpecification {
  return { version: 8, name: 'park-offline', sources: {}, layers: [BACKGROUND_LAYER, ...PARCEL_SLOT_LAYERS] };
}

/**
 * Where to insert each layer of `style` that the map lacks, so that the map's layers end up in the style's order:
 * each goes just below the style's next layer up (at the top when it is the last). Top layer first, so that every
 * `beforeId` is already in the map when its turn comes.
 */
export function missingLayerPlacements(
  style: readonly LayerSpecification[],
  present: ReadonlySet<string>,
): { layer: LayerSpecification; beforeId: string | undefined }[] {
  const placements: { layer: LayerSpecification; beforeId: string | undefined }[] = [];
  let beforeId: string | undefined;
  // From the top down: each missing layer goes below the nearest present (or just inserted) layer above it.
  for (let index = style.length - 1; index >= 0; index--) {
    const layer = style[index] as LayerSpecification;
    if (!present.has(layer.id)) placements.push({ layer, beforeId });
    beforeId = layer.id;
  }
  return placements;
}

export function buildBaseStyle(input: BaseStyleInput): StyleSpecification {
  return {
    version: 8,
    name: 'park-offline',
    sources: {
      [SOURCE_IDS.parkBoundary]: {
        type: 'geojson',
        data: { type: 'Feature', geometry: input.boundary, properties: {} },
      },
      // Village codes as feature ids: the selection is the `selected` feature state of a village.
      [SOURCE_IDS.villages]: { type: 'geojson', data: input.villages, promoteId: 'code' },
      [SOURCE_IDS.villageLabels]: { type: 'geojson', data: villageLabelPoints(input.villages) },
    },
    layers: [
      BACKGROUND_LAYER,
      {
        id: MAP_LAYER_IDS.villageFill,
        type: 'fill',
        source: SOURCE_IDS.villages,
        paint: { 'fill-color': whenSelected(MAP_COLOURS.villageSelectedFill, MAP_COLOURS.villageFill) },
      },
      // deck.gl's parcels are drawn here, between the slot's two layers (PARCELS_BEFORE_LAYER_ID).
      ...PARCEL_SLOT_LAYERS,
      {
        id: MAP_LAYER_IDS.villageOutline,
        type: 'line',
        source: SOURCE_IDS.villages,
        paint: {
          'line-color': MAP_COLOURS.villageOutline,
          'line-opacity': 0.7,
          'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.2, 16, 2.4],
          'line-dasharray': [3, 2],
        },
      },
      {
        id: MAP_LAYER_IDS.villageSelectedOutline,
        type: 'line',
        source: SOURCE_IDS.villages,
        paint: {
          'line-color': MAP_COLOURS.villageSelectedOutline,
          'line-width': 2.5,
          'line-opacity': whenSelected(1, 0),
        },
      },
      {
        id: MAP_LAYER_IDS.parkBoundaryCasing,
        type: 'line',
        source: SOURCE_IDS.parkBoundary,
        paint: { 'line-color': MAP_COLOURS.casing, 'line-width': 6, 'line-opacity': 0.7 },
      },
      {
        id: MAP_LAYER_IDS.parkBoundary,
        type: 'line',
        source: SOURCE_IDS.parkBoundary,
        paint: { 'line-color': MAP_COLOURS.parkBoundary, 'line-width': 3, 'line-dasharray': [3, 1.5] },
      },
      {
        id: MAP_LAYER_IDS.villageLabels,
        type: 'symbol',
        source: SOURCE_IDS.villageLabels,
        layout: {
          'text-field': villageLabelField(input.language),
          'text-size': ['interpolate', ['linear'], ['zoom'], 11, 14, 14, 20, 17, 26],
          'text-allow-overlap': true,
          'text-ignore-placement': true,
          'text-letter-spacing': 0.08,
          'text-max-width': 12,
        },
        paint: {
          'text-color': MAP_COLOURS.labelText,
          'text-halo-color': MAP_COLOURS.labelHalo,
          'text-halo-width': 2.5,
          'text-halo-blur': 0.5,
        },
      },
    ],
  };
}
