import type { PaddingOptions } from 'maplibre-gl';

/** Below this width the dashboard is the phone layout (map on top, panels in a bottom sheet). */
export const WIDE_LAYOUT_MIN_WIDTH = 900;

/**
 * Padding for fitting the park: on a wall screen the side panels float over the map, so the park is fitted into
 * the space between them (the CSS panel widths: --panel-left-width and --panel-right-width in styles.css).
 */
export function fitPadding(width: number, height: number): PaddingOptions {
  if (width < WIDE_LAYOUT_MIN_WIDTH) return { top: 24, bottom: 24, left: 16, right: 16 };
  const clamp = (minimum: number, value: number, maximum: number) =>
    Math.min(maximum, Math.max(minimum, value));
  const left = clamp(280, width * 0.21, 420) + 40;
  const right = clamp(420, width * 0.36, 640) + 40;
  return { top: Math.min(48, height * 0.05), bottom: Math.min(48, height * 0.05), left, right };
}
