import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { convexHullOf } from '../../server/import/convex-hull.ts';
import { mulberry32 } from '../../server/sample/prng.ts';
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

/** The monotone chain over every vertex, without dropping any first: what `convexHullOf` must agree with. */
function referenceHull(parcels: readonly Polygon[]): number[][] | null {
  const points = parcels.flatMap((parcel) => parcel.coordinates[0] ?? []);
  points.sort((first, second) =>
    first[0] === second[0]
      ? (first[1] as number) - (second[1] as number)
      : (first[0] as number) - (second[0] as number),
  );
  const cross = (origin: number[], first: number[], second: number[]) =>
    ((first[0] as number) - (origin[0] as number)) * ((second[1] as number) - (origin[1] as number)) -
    ((first[1] as number) - (origin[1] as number)) * ((second[0] as number) - (origin[0] as number));
  const chain = (ordered: number[][]) => {
    const kept: number[][] = [];
    for (const point of ordered) {
      while (
        kept.length >= 2 &&
        cross(kept[kept.length - 2] as number[], kept[kept.length - 1] as number[], point) <= 0
      )
        kept.pop();
      kept.push(point);
    }
    return kept.slice(0, -1);
  };
  const ring = [...chain(points), ...chain([...points].reverse())];
  return ring.length < 3 ? null : [...ring, ring[0] as number[]];
}

describe('convex hull: dropping the vertices inside the extreme quadrilateral first', () => {
  it('gives the same hull as the chain over every vertex: a park-sized grid with shared and collinear vertices', () => {
    // Squares of ~30 m at 106°E on a grid: every edge shared, whole hull sides collinear, each corner 4 times.
    const parcels: Polygon[] = [];
    for (let row = 0; row < 60; row++)
      for (let column = 0; column < 80; column++)
        parcels.push(square(106.5 + column * 0.0003, 26.4 + row * 0.0003, 0.0003));
    expect(convexHullOf(parcels)?.coordinates[0]).toEqual(referenceHull(parcels));
  });

  it('gives the same hull as the chain over every vertex: random quadrilaterals, clustered and spread', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = mulberry32(seed);
      const parcels: Polygon[] = [];
      for (let index = 0; index < 400; index++) {
        const x = 106.5 + next() * (seed % 2 === 0 ? 0.001 : 0.1);
        const y = 26.4 + next() * 0.05;
        const ring = [
          [x, y],
          [x + next() * 0.001, y - next() * 0.0002],
          [x + next() * 0.001, y + next() * 0.001],
          [x - next() * 0.0002, y + next() * 0.001],
        ];
        parcels.push({ type: 'Polygon', coordinates: [[...ring, ring[0] as number[]]] });
      }
      expect(convexHullOf(parcels)?.coordinates[0]).toEqual(referenceHull(parcels));
    }
  });
});
