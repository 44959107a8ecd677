import type { PaddingOptions } from 'maplibre-gl';

/** Below this width the dashboard is the phone layout (map on top, panels in a bottom sheet). */
export const WIDE_LAYOUT_MIN_WIDTH = 900;

/**
 * Padding for fitting the park: on a wall screen the side panels float over the map, so the park is fitted into
 * the space between them (the CSS panel widths: --panel-left-width and --panel-right-width in styles.css).
 */
export function fitPadding(width: number, height: number): PaddingOptions {
  // Phone: the search box floats over the top of the map, the time slider over its bottom.
  if (width < WIDE_LAYOUT_MIN_WIDTH) {
    return {
      top: PHONE_SEARCH_HEIGHT + 16,
      bottom: PHONE_TIME_SLIDER_BOTTOM + TIME_SLIDER_HEIGHT + 16,
      left: 16,
      right: 16,
    };
  }
  const clamp = (minimum: number, value: number, maximum: number) =>
    Math.min(maximum, Math.max(minimum, value));
  const left = clamp(280, width * 0.21, 420) + 40;
  const right = clamp(420, width * 0.36, 640) + 40;
  // The dock of latest changes and problems floats over the bottom of the map between the panels, and the time
  // slider above it: the park stays clear of both.
  return {
    top: Math.min(48, height * 0.05),
    bottom: WALL_TIME_SLIDER_BOTTOM + TIME_SLIDER_HEIGHT + 16,
    left,
    right,
  };
}

/** Height of the search box over the phone map (styles.css: .map-search on the phone). */
export const PHONE_SEARCH_HEIGHT = 56;
/** Height of the wall screen's dock of latest changes and problems (styles.css: --dock-height). */
export const WALL_DOCK_HEIGHT = 232;
/**
 * Height of the time slider that floats over the bottom of the map (styles.css: `.time-slider`, its status line and
 * a row of touch-sized controls), and how far above the map's bottom edge it floats: 8 px on a phone, above the
 * dock and two gaps on a wall screen.
 */
export const TIME_SLIDER_HEIGHT = 80;
export const PHONE_TIME_SLIDER_BOTTOM = 8;
/** The wall screen's gap between floating parts (styles.css: --gap). */
const WALL_GAP = 14;
export const WALL_TIME_SLIDER_BOTTOM = WALL_DOCK_HEIGHT + 2 * WALL_GAP;

/**
 * Padding for flying to one household: clear of the side panels and the dock on a wall screen, of the search box
 * on a phone, and at least a quarter of the free space on each side so the neighbours stay in view.
 */
export function focusPadding(width: number, height: number): PaddingOptions {
  const base = fitPadding(width, height);
  const top = base.top ?? 0;
  const bottom = base.bottom ?? 0;
  const left = base.left ?? 0;
  const right = base.right ?? 0;
  const spareWidth = Math.max(0, width - left - right);
  const spareHeight = Math.max(0, height - top - bottom);
  return {
    top: top + spareHeight / 4,
    bottom: bottom + spareHeight / 4,
    left: left + spareWidth / 4,
    right: right + spareWidth / 4,
  };
}
