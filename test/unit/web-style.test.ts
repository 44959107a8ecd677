import { describe, expect, it } from 'vitest';
import type { VillageCollection } from '../../web/src/api/client.ts';
import { MAP_LAYER_IDS, PARCELS_BEFORE_LAYER_ID, SOURCE_IDS } from '../../web/src/map/ids.ts';
import {
  buildBaseStyle,
  buildEmptyStyle,
  missingLayerPlacements,
  villageSelectionChanges,
} from '../../web/src/map/style.ts';
import { square } from '../support/geometry.ts';

function villages(): VillageCollection {
  return {
    type: 'FeatureCollection',
    features: ['V01', 'V02'].map((code, index) => ({
      type: 'Feature',
      geometry: square(106.6 + index * 0.01, 26.6, 0.01),
      properties: {
        code,
        name: `村${index}`,
        nameEn: `Village ${index}`,
        labelPoint: [106.605 + index * 0.01, 26.605],
      },
    })),
  } as unknown as VillageCollection;
}

function parkStyle() {
  return buildBaseStyle({ boundary: square(106.6, 26.6, 0.02), villages: villages(), language: 'zh' });
}

describe('village selection as feature state', () => {
  it('changes only the villages that entered or left the filter', () => {
    expect(villageSelectionChanges([], ['V01', 'V02'])).toEqual([
      { code: 'V01', selected: true },
      { code: 'V02', selected: true },
    ]);
    expect(villageSelectionChanges(['V01', 'V02'], ['V02', 'V03'])).toEqual([
      { code: 'V01', selected: false },
      { code: 'V03', selected: true },
    ]);
    expect(villageSelectionChanges(['V01'], ['V01'])).toEqual([]);
    expect(villageSelectionChanges(['V01'], [])).toEqual([{ code: 'V01', selected: false }]);
  });

  it('keys the village source by code and paints the selection from the `selected` state, with no layer filter', () => {
    const style = parkStyle();
    expect(style.sources[SOURCE_IDS.villages]).toMatchObject({ type: 'geojson', promoteId: 'code' });
    const villageLayers = style.layers.filter(
      (layer) => 'source' in layer && layer.source === SOURCE_IDS.villages,
    );
    expect(villageLayers.map((layer) => layer.id)).toEqual([
      MAP_LAYER_IDS.villageFill,
      MAP_LAYER_IDS.villageOutline,
      MAP_LAYER_IDS.villageSelectedOutline,
    ]);
    for (const layer of villageLayers) expect('filter' in layer).toBe(false);
    const json = JSON.stringify(style);
    expect(json).toContain('"feature-state","selected"');
    expect(json).not.toMatch(/https?:\/\//);
  });
});

describe('the parcels’ slot', () => {
  it('is in the first style, with no source, and in the park’s style between the village fill and outline', () => {
    const empty = buildEmptyStyle();
    expect(empty.sources).toEqual({});
    const ids = parkStyle().layers.map((layer) => layer.id);
    for (const layer of empty.layers) expect(ids).toContain(layer.id);
    const end = ids.indexOf(PARCELS_BEFORE_LAYER_ID);
    expect(ids[end - 1]).toBe(MAP_LAYER_IDS.parcelSlotStart);
    expect(ids.indexOf(MAP_LAYER_IDS.villageFill)).toBeLessThan(end - 1);
    expect(ids.indexOf(MAP_LAYER_IDS.villageOutline)).toBe(end + 1);
  });

  it('keeps the park’s layers out of it when they are added to the first style', () => {
    // Simulate maplibre's addLayer(layer, beforeId) on the first style, with deck.gl's group in the slot.
    const deckGroup = 'deck-group';
    const order = buildEmptyStyle().layers.map((layer) => layer.id);
    order.splice(order.indexOf(PARCELS_BEFORE_LAYER_ID), 0, deckGroup);
    const style = parkStyle();
    for (const { layer, beforeId } of missingLayerPlacements(style.layers, new Set(order))) {
      order.splice(beforeId === undefined ? order.length : order.indexOf(beforeId), 0, layer.id);
    }
    const expected = style.layers.map((layer) => layer.id);
    expected.splice(expected.indexOf(PARCELS_BEFORE_LAYER_ID), 0, deckGroup);
    expect(order).toEqual(expected);
  });

  it('places nothing when the map already has every layer', () => {
    const style = parkStyle();
    expect(missingLayerPlacements(style.layers, new Set(style.layers.map((layer) => layer.id)))).toEqual([]);
  });
});
