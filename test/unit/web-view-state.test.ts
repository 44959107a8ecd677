import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, formatParcelFilter } from '../../server/domain/filters.ts';
import {
  DEFAULT_VIEW_STATE,
  formatCameraHash,
  formatViewState,
  parseCameraHash,
  parseViewState,
  type ViewState,
} from '../../web/src/state/view-state.ts';

const VILLAGES = ['V01', 'V02', 'V03', 'V04', 'V05', 'V06', 'V07'];

function sharedView(): ViewState {
  return {
    camera: { zoom: 14.2, latitude: 26.6201, longitude: 106.6502 },
    filter: {
      villages: ['V01', 'V03'],
      signing: ['signed', 'ruled'],
      clearance: ['vacated'],
      landClasses: ['homestead'],
      cadre: true,
    },
    colourBy: 'clearance',
    selectedParcelId: 1204,
    language: 'en',
    measure: 'ellipsoid',
  };
}

describe('parseViewState', () => {
  it('gives the defaults for a bare URL: Chinese, signing colours, plane areas, no filter, fit the park', () => {
    const { state, problems } = parseViewState('http://localhost:8787/', VILLAGES);
    expect(state).toEqual(DEFAULT_VIEW_STATE);
    expect(state.filter).toEqual(EMPTY_FILTER);
    expect(state.camera).toBeNull();
    expect(problems).toEqual([]);
  });

  it('reads the camera from the hash and the rest from the query string', () => {
    const { state } = parseViewState(
      'http://localhost/?village=V01,V03&signing=signed&cadre=false&colourBy=clearance&parcel=42&lang=en&measure=survey#14.20/26.6201/106.6502',
      VILLAGES,
    );
    expect(state.camera).toEqual({ zoom: 14.2, latitude: 26.6201, longitude: 106.6502 });
    expect(state.filter).toEqual({
      villages: ['V01', 'V03'],
      signing: ['signed'],
      clearance: [],
      landClasses: [],
      cadre: false,
    });
    expect(state.colourBy).toBe('clearance');
    expect(state.selectedParcelId).toBe(42);
    expect(state.language).toBe('en');
    expect(state.measure).toBe('survey');
  });

  it('drops an unknown filter value, keeps the valid ones, and reports the dropped one in both languages', () => {
    const { state, problems } = parseViewState(
      'http://localhost/?village=V01,V99&signing=signd,signed',
      VILLAGES,
    );
    expect(state.filter.villages).toEqual(['V01']);
    expect(state.filter.signing).toEqual(['signed']);
    expect(problems.map((problem) => [problem.field, problem.value])).toEqual([
      ['village', 'V99'],
      ['signing', 'signd'],
    ]);
    expect(problems[0]?.message.zh).toContain('V99');
    expect(problems[0]?.message.en).toContain('V99');
  });

  it('accepts any village code before the village list is known', () => {
    const { state, problems } = parseViewState('http://localhost/?village=V42');
    expect(state.filter.villages).toEqual(['V42']);
    expect(problems).toEqual([]);
  });

  it('falls back to the defaults for values it does not know', () => {
    const { state } = parseViewState(
      'http://localhost/?colourBy=rainbow&lang=fr&measure=turf&parcel=abc#zoom',
      VILLAGES,
    );
    expect(state.colourBy).toBe('signing');
    expect(state.language).toBe('zh');
    expect(state.measure).toBe('plane');
    expect(state.selectedParcelId).toBeNull();
    expect(state.camera).toBeNull();
  });

  it('accepts a relative `?query#hash` as formatViewState writes it', () => {
    expect(parseViewState('?lang=en#12.00/26.62/106.65').state.language).toBe('en');
  });
});

describe('formatViewState', () => {
  it('writes nothing for the default view', () => {
    expect(formatViewState(DEFAULT_VIEW_STATE)).toBe('');
  });

  it('writes the filter with the same parameters and order as the API (formatParcelFilter)', () => {
    const view = sharedView();
    const written = new URLSearchParams(formatViewState(view).split('#')[0]);
    for (const [name, value] of formatParcelFilter(view.filter)) expect(written.get(name)).toBe(value);
  });

  it('round-trips: a shared URL restores the same view', () => {
    const view = sharedView();
    const url = formatViewState(view);
    expect(url).toBe(
      '?village=V01%2CV03&signing=signed%2Cruled&clearance=vacated&landClass=homestead&cadre=true&colourBy=clearance&parcel=1204&measure=ellipsoid&lang=en#14.20/26.6201/106.6502',
    );
    expect(parseViewState(url, VILLAGES).state).toEqual(view);
    expect(formatViewState(parseViewState(url, VILLAGES).state)).toBe(url);
  });
});

describe('camera hash', () => {
  it('writes zoom with 2 decimals and more coordinate decimals as the zoom grows', () => {
    expect(formatCameraHash({ zoom: 14.2, latitude: 26.62012345, longitude: 106.65019876 })).toBe(
      '#14.20/26.6201/106.6502',
    );
    expect(formatCameraHash({ zoom: 17.5, latitude: 26.62012345, longitude: 106.65019876 })).toBe(
      '#17.50/26.62012/106.65020',
    );
  });

  it('rejects malformed or out-of-range hashes', () => {
    expect(parseCameraHash('#14/26.6')).toBeNull();
    expect(parseCameraHash('#14/95/106')).toBeNull();
    expect(parseCameraHash('#30/26/106')).toBeNull();
    expect(parseCameraHash('#a/b/c')).toBeNull();
    expect(parseCameraHash('')).toBeNull();
  });
});
