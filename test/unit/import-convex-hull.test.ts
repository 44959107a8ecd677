import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { convexHullOf } from '../../server/import/convex-hull.ts';
import { square } from '../support/geometry.ts';

describe('convex hull of parcels', () => {
  it('is the outer corners of a block of parcels, counter-clockwise and closed', () => {
    const parcels = [
      square(0, 0, 1),
      square(1, 0, 1),
      square(0, 1, 1),
      square(1, 1, 1),
      square(0.5, 0.5, 0.2),
    ];
    const hull = convexHullOf(parcels);
    expect(hull?.coordinates[0]).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ]);
  });

  it('takes a far parcel in and gives null for points on one line', () => {
    const hull = convexHullOf([square(0, 0, 1), square(5, 5, 1)]);
    expect(hull?.coordinates[0]).toContainEqual([6, 6]);
    expect(hull?.coordinates[0]).not.toContainEqual([1, 1]);
    const line: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [0, 0],
        ],
      ],
    };
    expect(convexHullOf([line])).toBeNull();
  });
});
