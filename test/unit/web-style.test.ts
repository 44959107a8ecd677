import { describe, expect, it } from 'vitest';
import type { VillageCollection } from '../../web/src/api/client.ts';
import { MAP_LAYER_IDS, SOURCE_IDS } from '../../web/src/map/ids.ts';
import { buildBaseStyle, villageSelectionChanges } from '../../web/src/map/style.ts';
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
    const style = buildBaseStyle({
      boundary: square(106.6, 26.6, 0.02),
      villages: villages(),
      language: 'zh',
    });
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
