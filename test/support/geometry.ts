import type { Polygon } from 'geojson';

/** An axis-aligned square polygon (closed ring, counter-clockwise), for hand-made parcels in tests. */
export function square(west: number, south: number, size: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
      ],
    ],
  };
}
