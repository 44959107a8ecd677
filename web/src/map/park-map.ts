/**
 * The park map: a plain class, not a React component (the Placemark pattern). It owns one maplibre `Map` and one
 * interleaved deck.gl `MapLibreOverlay`; React hands it its whole input through `update()` and gets user
 * intentions back through callbacks. Everything drawn is derived by pure builders (`style.ts`, `layers.ts`).
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import {
  type GeoJSONSource,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { formatParcelFilter, type ParcelFilter } from '../../../server/domain/filters.ts';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import type { Problem } from '../../../server/domain/problems.ts';
import { type Axis, CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../../server/domain/statuses.ts';
import type { Language } from '../i18n/dictionary.ts';
import { type ParkData, parcelIndexOf } from '../state/park-data.ts';
import { historicalFillColours } from '../state/time-slider.ts';
import type { Camera } from '../state/view-state.ts';
import { fitPadding, focusPadding } from './camera.ts';
import { attachDeckDevice, DECK_DEVICE_PROPS } from './deck-device.ts';
import { DECK_LAYER_IDS, MAP_LAYER_IDS, SOURCE_IDS } from './ids.ts';
import {
  buildParcelLayers,
  buildProblemMarkerProps,
  computeFilterMask,
  countVisible,
  OUTLINE_MIN_ZOOM,
  PARCEL_FILL_ALPHA,
  type ParcelLayerDescriptor,
  type ProblemMarker,
  parcelBounds,
  pointInParcel,
  pointOnParcelEdge,
  problemMarkers,
} from './layers.ts';
import { ParcelOutlineLayer } from './parcel-outline-layer.ts';
import type { ParkMapProbe } from './park-map-probe.ts';
import {
  buildBaseStyle,
  buildEmptyStyle,
  LOCAL_IDEOGRAPH_FONT_FAMILY,
  missingLayerPlacements,
  villageLabelField,
  villageSelectionChanges,
} from './style.ts';
import { villageAt, villagesBounds } from './village-hit.ts';

// maplibre 6 under Vite: the worker must be named explicitly, in dev and in the build.
setWorkerUrl(workerUrl);

export interface ParkMapInput {
  data: ParkData | null;
  filter: ParcelFilter;
  colourBy: Axis;
  selectedParcelId: number | null;
  language: Language;
  /** The URL's camera: a new object (Back/Forward, an edited hash) moves the map; null fits the park. */
  camera: Camera | null;
  /** Every known problem; open and assigned ones get a marker on their parcel. */
  problems: readonly Problem[];
  /** A village team's villages: without a camera in the URL the map opens on them rather than the whole park. */
  homeVillages: readonly string[];
}

export interface ParkMapCallbacks {
  onSelectParcel(parcelId: number | null): void;
  onToggleVillage(villageCode: string): void;
  onCameraChange(camera: Camera): void;
  /** The first frame with the park's parcels has been drawn (once per map). */
  onParcelsShown(): void;
}

/** The time slider's past day, as handed to `setHistoricalStatuses`, with its colours for the current axis. */
export interface HistoricalStatuses {
  /** `YYYY-MM-DD` (CST) the statuses are "as of the end of". */
  date: string;
  /** Two bytes per parcel, geometry order (see `state/time-slider.ts`). */
  bytes: Uint8Array;
}

interface HistoricalEntry extends HistoricalStatuses {
  axis: Axis | null;
  colours: Uint8Array | null;
}

interface MaskEntry {
  parcels: readonly ParcelSummary[];
  filterKey: string;
  mask: Uint8Array;
}

/** Pixels around a click that still hit a parcel: a fingertip is wider than a mouse pointer. */
const PICKING_RADIUS = 3;
/** A problem marker is a small target: a tap this close to it still selects it. */
const MARKER_PICKING_RADIUS = 10;
/** Flying to a household stops here: close enough to tell it from its neighbours, far enough to see them. */
const FOCUS_MAX_ZOOM = 17.5;

const BASE_LAYER_IDS: ReadonlySet<string> = new Set(Object.values(MAP_LAYER_IDS));

function toLayer(descriptor: ParcelLayerDescriptor): Layer {
  switch (descriptor.kind) {
    case 'solid-polygon':
      return new SolidPolygonLayer(descriptor.props);
    case 'outline':
      return new ParcelOutlineLayer(descriptor.props);
    case 'path':
      return new PathLayer(descriptor.props);
    case 'scatterplot':
      return new ScatterplotLayer(descriptor.props);
    case 'problem-markers':
      return new ScatterplotLayer(descriptor.props);
  }
}

export class ParkMap {
  private readonly map: MapLibreMap;
  private readonly overlay: MapLibreOverlay;
  private readonly resizeObserver: ResizeObserver;
  private readonly probe: ParkMapProbe;
  private input: ParkMapInput | null = null;
  private styleLoaded = false;
  private baseStyleFor: ParkData['villages'] | null = null;
  private appliedLanguage: Language | null = null;
  /** The villages whose `selected` feature state is set on the village source. */
  private appliedVillages: readonly string[] = [];
  private appliedCamera: Camera | null | undefined = undefined;
  /**
   * Where the camera comes from: a placeholder until the park is fitted or the URL's camera applied (not a view to
   * share); the automatic fit of the park (or the team's villages), fitted again when the map is resized (the
   * panels taking their part of a phone's screen); or one chosen by the URL, the user or a search, which stays.
   */
  private cameraSource: 'placeholder' | 'fitted' | 'chosen' = 'placeholder';
  private maskEntry: MaskEntry | null = null;
  private statusVersion = 0;
  private statusVersionOf: readonly ParcelSummary[] | null = null;
  private layerKey = '';
  private outlinesVisible = false;
  private redrawStartedAt: number | null = null;
  private deckLayers: Layer[] = [];
  private problemsVersion = 0;
  private problemsVersionOf: readonly Problem[] | null = null;
  private markers: ProblemMarker[] = [];
  private historical: HistoricalEntry | null = null;
  private recolourStartedAt: number | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly callbacks: ParkMapCallbacks,
  ) {
    this.map = new MapLibreMap({
      container,
      style: buildEmptyStyle(),
      center: [0, 0],
      zoom: 1,
      attributionControl: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      // A 2D command map: the hash stores no bearing or pitch, so the map has none.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxPitch: 0,
      renderWorldCopies: false,
      fadeDuration: 0,
      maxZoom: 20,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');

    attachDeckDevice(this.map.getCanvas());
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      // Used only if the device made in advance could not be (deck-device.ts).
      deviceProps: DECK_DEVICE_PROPS,
      layers: [],
      onAfterRender: () => this.handleAfterRender(),
    });
    this.map.addControl(this.overlay);

    this.map.on('load', () => {
      this.styleLoaded = true;
      this.probe.mapLoadedAt = performance.now();
      this.render();
    });
    // deck.gl adds its layer group to the style only once the style reports loaded, which a freshly added GeoJSON
    // source delays; without the group it draws over everything, labels included. Retry when sources settle.
    this.map.on('sourcedata', () => this.attachDeckLayerGroup());
    // Clicks come from maplibre and are picked on demand: one picking pass per click, none per mouse move.
    this.map.on('click', (event) => this.handleClick(event.point, [event.lngLat.lng, event.lngLat.lat]));
    this.map.on('zoom', () => {
      this.probe.zoom = this.map.getZoom();
      if (this.map.getZoom() >= OUTLINE_MIN_ZOOM !== this.outlinesVisible) this.render();
    });
    // A move the user makes (drag, wheel, pinch, the zoom buttons) carries its DOM event; our own fits do not.
    this.map.on('movestart', (event: { originalEvent?: Event }) => {
      if (event.originalEvent && this.cameraSource === 'fitted') this.cameraSource = 'chosen';
    });
    this.map.on('moveend', () => {
      if (this.cameraSource === 'placeholder') return;
      const centre = this.map.getCenter();
      this.callbacks.onCameraChange({
        zoom: this.map.getZoom(),
        latitude: centre.lat,
        longitude: centre.lng,
      });
    });

    this.resizeObserver = new ResizeObserver(() => {
      this.map.resize();
      if (this.cameraSource === 'fitted' && this.input?.data)
        this.fitPark(this.input.data, this.input.homeVillages);
    });
    this.resizeObserver.observe(container);

    this.probe = {
      ready: false,
      parkLayersShown: false,
      redrawCount: 0,
      parcelCount: 0,
      visibleCount: 0,
      zoom: this.map.getZoom(),
      outlinesVisible: false,
      project: ([longitude, latitude]) => {
        const point = this.map.project([longitude, latitude]);
        const box = this.container.getBoundingClientRect();
        return [box.left + point.x, box.top + point.y];
      },
      pointInParcel: (parcelId) => {
        const data = this.input?.data;
        const index = this.indexOf(parcelId);
        return !data || index === undefined ? null : pointInParcel(data.geometry, index);
      },
      pointOnParcelEdge: (parcelId) => {
        const data = this.input?.data;
        const index = this.indexOf(parcelId);
        return !data || index === undefined ? null : pointOnParcelEdge(data.geometry, index);
      },
      measurePan: (offset) =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          this.map.once('render', () => resolve(performance.now() - started));
          this.map.panBy(offset, { animate: false });
        }),
      statusOf: (parcelId) => {
        const index = this.indexOf(parcelId);
        const parcel = index === undefined ? undefined : this.input?.data?.parcels[index];
        return parcel
          ? { signing: parcel.signing, clearance: parcel.clearance, version: parcel.version }
          : null;
      },
      summaryVersion: (parcelId) => this.probe.statusOf(parcelId)?.version ?? null,
      problemMarkerCount: 0,
      problemMarkerParcels: () => this.markers.map((marker) => marker.parcelId),
      isMoving: () => this.map.isMoving(),
      historicalDate: null,
      recolourCount: 0,
      shownStatusOf: (parcelId) => {
        const index = this.indexOf(parcelId);
        const bytes = this.historical?.bytes;
        if (bytes && index !== undefined) {
          return {
            signing: SIGNING_STATUSES[bytes[2 * index] as number]?.code ?? '',
            clearance: CLEARANCE_STATUSES[bytes[2 * index + 1] as number]?.code ?? '',
          };
        }
        const live = this.probe.statusOf(parcelId);
        return live ? { signing: live.signing, clearance: live.clearance } : null;
      },
    };
    window.__parkMap = this.probe;
  }

  update(input: ParkMapInput): void {
    if (input.data && this.probe.dataReadyAt === undefined) this.probe.dataReadyAt = performance.now();
    this.input = input;
    this.render();
  }

  /**
   * The time slider: paint the park as it was at the end of a past day (status bytes in geometry order), or the
   * live statuses again with null. Only the fill colours change: geometry, filter and camera stay, and live changes
   * keep arriving in the summaries without repainting the past.
   */
  setHistoricalStatuses(statuses: HistoricalStatuses | null): void {
    if (statuses?.bytes === this.historical?.bytes && statuses?.date === this.historical?.date) return;
    this.historical = statuses ? { ...statuses, axis: null, colours: null } : null;
    this.probe.historicalDate = statuses?.date ?? null;
    this.recolourStartedAt = performance.now();
    this.render();
  }

  /** Moves the camera to a household (a search result, a feed entry), leaving room for the panels over the map. */
  flyToParcel(parcelId: number): void {
    const data = this.input?.data;
    const index = this.indexOf(parcelId);
    if (!data || index === undefined) return;
    const bounds = parcelBounds(data.geometry, index);
    if (!bounds) return;
    const [west, south, east, north] = bounds;
    const { clientWidth, clientHeight } = this.container;
    this.cameraSource = 'chosen'; // before the move: its moveend goes to the URL
    this.map.fitBounds(
      [
        [west, south],
        [east, north],
      ],
      {
        padding: focusPadding(clientWidth, clientHeight),
        maxZoom: Math.max(FOCUS_MAX_ZOOM, this.map.getZoom()),
        duration: 900,
      },
    );
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.overlay.finalize();
    this.map.remove();
    if (window.__parkMap === this.probe) delete window.__parkMap;
  }

  private render(): void {
    const input = this.input;
    if (!input || !this.styleLoaded) return;
    const { data } = input;
    this.applyCamera(input);
    if (!data) return;
    this.applyParcelLayers(data, input);
    // The park's own layers (villages, red line, names) follow the first frame with parcels: maplibre tiling their
    // sources and compiling their programs would otherwise hold that frame back (about half a second at 100k
    // parcels in software WebGL). The parcels' slot in the first style keeps their place below the outlines.
    if (this.probe.ready) this.applyBaseStyle(data, input);
  }

  private applyBaseStyle(data: ParkData, input: ParkMapInput): void {
    if (this.baseStyleFor !== data.villages) {
      const style = buildBaseStyle({
        boundary: data.meta.park.boundary,
        villages: data.villages,
        language: input.language,
      });
      for (const [id, source] of Object.entries(style.sources)) {
        const existing = this.map.getSource<GeoJSONSource>(id);
        if (existing && source.type === 'geojson') void existing.setData(source.data as GeoJSON.GeoJSON);
        else if (!existing) this.map.addSource(id, source);
      }
      const present = new Set(this.map.getLayersOrder());
      for (const { layer, beforeId } of missingLayerPlacements(style.layers, present)) {
        this.map.addLayer(layer, beforeId);
      }
      this.map.once('idle', () => {
        this.probe.parkLayersShown = true;
      });
      this.baseStyleFor = data.villages;
      this.appliedLanguage = input.language;
      this.map.removeFeatureState({ source: SOURCE_IDS.villages });
      this.appliedVillages = [];
    }
    if (this.appliedLanguage !== input.language) {
      this.map.setLayoutProperty(
        MAP_LAYER_IDS.villageLabels,
        'text-field',
        villageLabelField(input.language),
      );
      this.appliedLanguage = input.language;
    }
    if (this.appliedVillages !== input.filter.villages) {
      for (const { code, selected } of villageSelectionChanges(this.appliedVillages, input.filter.villages)) {
        this.map.setFeatureState({ source: SOURCE_IDS.villages, id: code }, { selected });
      }
      this.appliedVillages = input.filter.villages;
    }
  }

  private applyCamera(input: ParkMapInput): void {
    if (input.camera !== this.appliedCamera) {
      this.appliedCamera = input.camera;
      if (input.camera) {
        const { zoom, latitude, longitude } = input.camera;
        this.cameraSource = 'chosen'; // before the move: its moveend must reach the URL
        this.map.jumpTo({ center: [longitude, latitude], zoom });
      } else {
        this.cameraSource = 'placeholder';
      }
    }
    if (this.cameraSource === 'placeholder' && input.data) {
      this.cameraSource = 'fitted'; // before the move: its moveend must reach the URL
      this.fitPark(input.data, input.homeVillages);
    }
  }

  /** The park (or a team's villages) fitted to the map as it is now sized, with room for the panels over it. */
  private fitPark(data: ParkData, homeVillages: readonly string[]): void {
    const [west, south, east, north] = villagesBounds(data.villages, homeVillages) ?? data.meta.park.bbox;
    const { clientWidth, clientHeight } = this.container;
    if (clientWidth === 0 || clientHeight === 0) return;
    this.map.fitBounds(
      [
        [west, south],
        [east, north],
      ],
      { padding: fitPadding(clientWidth, clientHeight), animate: false },
    );
  }

  private maskFor(parcels: readonly ParcelSummary[], filter: ParcelFilter): MaskEntry {
    const filterKey = formatParcelFilter(filter).toString();
    if (this.maskEntry?.parcels !== parcels || this.maskEntry.filterKey !== filterKey) {
      this.maskEntry = { parcels, filterKey, mask: computeFilterMask(parcels, filter) };
    }
    return this.maskEntry;
  }

  private indexOf(parcelId: number): number | undefined {
    const data = this.input?.data;
    return data ? parcelIndexOf(data.geometry).get(parcelId) : undefined;
  }

  private applyParcelLayers(data: ParkData, input: ParkMapInput): void {
    if (this.statusVersionOf !== data.parcels) {
      this.statusVersionOf = data.parcels;
      this.statusVersion++;
    }
    if (this.problemsVersionOf !== input.problems) {
      this.problemsVersionOf = input.problems;
      this.problemsVersion++;
      this.markers = problemMarkers(input.problems, data.geometry, parcelIndexOf(data.geometry));
      this.probe.problemMarkerCount = this.markers.length;
    }
    const zoom = this.map.getZoom();
    this.outlinesVisible = zoom >= OUTLINE_MIN_ZOOM;
    const { mask, filterKey } = this.maskFor(data.parcels, input.filter);
    const selectedIndex = input.selectedParcelId === null ? -1 : (this.indexOf(input.selectedParcelId) ?? -1);
    const historical = this.historicalColours(data, input.colourBy);
    const layerKey = [
      historical?.key ?? 'live',
      this.statusVersion,
      filterKey,
      input.colourBy,
      selectedIndex,
      this.outlinesVisible,
      this.problemsVersion,
    ].join('|');
    if (layerKey === this.layerKey) return;
    this.layerKey = layerKey;
    const descriptors = buildParcelLayers({
      geometry: data.geometry,
      parcels: data.parcels,
      mask,
      colourBy: input.colourBy,
      selectedParcelIndex: selectedIndex < 0 ? null : selectedIndex,
      zoom,
      historical,
    });
    this.probe.parcelCount = data.parcels.length;
    this.probe.visibleCount = countVisible(mask);
    this.probe.outlinesVisible = this.outlinesVisible;
    this.redrawStartedAt = performance.now();
    const markers = buildProblemMarkerProps(this.markers, data.geometry, input.selectedParcelId);
    if (markers) descriptors.push({ kind: 'problem-markers', props: markers });
    this.deckLayers = descriptors.map(toLayer);
    this.overlay.setProps({ layers: this.deckLayers });
    this.probe.layersSetAt ??= performance.now();
  }

  /** The past day's colours on this axis, computed once per (day, axis); null when live or for another park. */
  private historicalColours(data: ParkData, axis: Axis): { colours: Uint8Array; key: string } | null {
    const entry = this.historical;
    // Bytes of another park (a re-imported survey) would paint one household's status on another's land.
    if (!entry || entry.bytes.length !== 2 * data.parcels.length) return null;
    if (entry.axis !== axis || !entry.colours) {
      entry.colours = historicalFillColours(entry.bytes, axis, PARCEL_FILL_ALPHA);
      entry.axis = axis;
    }
    return { colours: entry.colours, key: `${entry.date}|${axis}` };
  }

  /**
   * True when a deck.gl layer's group is missing from the style although the layer it goes below is there: the
   * parcels' group once the slot exists, the problem markers' group once the village names have been added (they
   * follow the first parcels). deck.gl adds a group only while the style reports loaded.
   */
  private hasUnplacedDeckLayerGroup(): boolean {
    const order = this.map.getLayersOrder();
    return this.deckLayers.some((layer) => {
      const beforeId = (layer.props as { beforeId?: string }).beforeId;
      const index = beforeId === undefined ? order.length : order.indexOf(beforeId);
      if (index < 0) return false; // not placeable yet: asked again when the style changes
      const below = order[index - 1];
      return below === undefined || BASE_LAYER_IDS.has(below);
    });
  }

  private attachDeckLayerGroup(): void {
    if (this.deckLayers.length === 0 || !this.map.isStyleLoaded() || !this.hasUnplacedDeckLayerGroup())
      return;
    this.overlay.setProps({ layers: this.deckLayers });
  }

  private handleAfterRender(): void {
    if (this.redrawStartedAt === null) return;
    // deck.gl takes new layers in its own animation frame; a maplibre frame that runs before it still draws the
    // layers deck.gl had (none, before the first parcels), and is not the redraw being measured.
    if (!this.deckLayers.every((layer) => layer.internalState !== null)) return;
    const now = performance.now();
    this.probe.lastRedrawMs = now - this.redrawStartedAt;
    this.probe.redrawCount++;
    if (this.recolourStartedAt !== null) {
      this.probe.lastRecolourMs = now - this.recolourStartedAt;
      this.probe.recolourCount++;
      this.recolourStartedAt = null;
    }
    this.redrawStartedAt = null;
    if (!this.probe.ready) {
      this.probe.ready = true;
      this.probe.drawnAt = now;
      // Outside deck.gl's render callback: adding maplibre layers and sources starts another frame, and the
      // panels waiting for the parcels (`usePanelsAfterMap`) render.
      setTimeout(() => {
        this.render();
        this.callbacks.onParcelsShown();
      }, 0);
    }
  }

  /** A parcel selects it; elsewhere inside a village toggles that village in the filter; outside clears. */
  private handleClick(point: { x: number; y: number }, lonLat: [number, number]): void {
    const data = this.input?.data;
    if (!data || this.deckLayers.length === 0) return;
    if (this.markers.length > 0) {
      const marker = this.overlay.pickObject({
        x: point.x,
        y: point.y,
        radius: MARKER_PICKING_RADIUS,
        layerIds: [DECK_LAYER_IDS.problemMarkers],
      });
      const picked = marker?.object as ProblemMarker | undefined;
      if (picked) {
        this.callbacks.onSelectParcel(picked.parcelId);
        return;
      }
    }
    const info = this.overlay.pickObject({
      x: point.x,
      y: point.y,
      radius: PICKING_RADIUS,
      layerIds: [DECK_LAYER_IDS.parcelFill],
    });
    if (info && info.index >= 0) {
      const parcelIndex = data.geometry.polygonParcelIndex[info.index];
      const parcel = parcelIndex === undefined ? undefined : data.parcels[parcelIndex];
      if (parcel) this.callbacks.onSelectParcel(parcel.id);
      return;
    }
    const village = villageAt(data.villages, lonLat);
    if (village) this.callbacks.onToggleVillage(village);
    else this.callbacks.onSelectParcel(null);
  }
}
