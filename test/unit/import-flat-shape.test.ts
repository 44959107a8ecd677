import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../server/domain/areas.ts';
import {
  boundaryEntersInterior,
  edgesCross,
  type FlatShape,
  flatShapes,
} from '../../server/import/flat-shape.ts';
import {
  type OpenRing,
  type Point,
  pointInPolygonRings,
  segmentContact,
} from '../../server/import/geometry-repair.ts';
import { mulberry32 } from '../../server/sample/prng.ts';

const TOLERANCE = 1e-11;

/** The overlap pre-test as it was written on arrays of points: what the flat version must agree with. */
function reference(geometry: AreaGeometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const parts = polygons.map((rings) =>
    rings.map((ring) => ring.slice(0, -1).map((position) => [position[0], position[1]] as Point)),
  );
  const points = parts.flat(2);
  const bounds = [
    Math.min(...points.map((point) => point[0])),
    Math.min(...points.map((point) => point[1])),
    Math.max(...points.map((point) => point[0])),
    Math.max(...points.map((point) => point[1])),
  ];
  return { parts, bounds };
}

type Reference = ReturnType<typeof reference>;

function strictlyInside(point: Point, target: Reference): boolean {
  const [minX, minY, maxX, maxY] = target.bounds as number[];
  return (
    point[0] >= (minX as number) &&
    point[0] <= (maxX as number) &&
    point[1] >= (minY as number) &&
    point[1] <= (maxY as number) &&
    target.parts.some((rings) => pointInPolygonRings(point, rings as OpenRing[], TOLERANCE) > 0)
  );
}

function referenceEnters(source: Reference, target: Reference): boolean {
  return source.parts.some((rings) =>
    rings.some((ring) =>
      ring.some((a, index) => {
        const b = ring[(index + 1) % ring.length] as Point;
        return strictlyInside(a, target) || strictlyInside([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], target);
      }),
    ),
  );
}

function referenceCross(first: Reference, second: Reference): boolean {
  const [minX, minY, maxX, maxY] = second.bounds as number[];
  return first.parts.flat().some((ring) =>
    ring.some((a, index) => {
      const b = ring[(index + 1) % ring.length] as Point;
      if (Math.max(a[0], b[0]) < (minX as number) || Math.min(a[0], b[0]) > (maxX as number)) return false;
      if (Math.max(a[1], b[1]) < (minY as number) || Math.min(a[1], b[1]) > (maxY as number)) return false;
      return second.parts
        .flat()
        .some((other) =>
          other.some(
            (c, position) =>
              segmentContact(a, b, c, other[(position + 1) % other.length] as Point) === 'cross',
          ),
        );
    }),
  );
}

const D = 0.0002;
const at = (x: number, y: number): Position => [106.65 + x * D, 26.62 + y * D];
const ring = (...points: Position[]): Position[] => [...points, points[0] as Position];
const square = (x: number, y: number, size = 1): Position[] =>
  ring(at(x, y), at(x + size, y), at(x + size, y + size), at(x, y + size));
const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

function fixtures(): AreaGeometry[] {
  const shapes: AreaGeometry[] = [
    polygon(square(0, 0)),
    polygon(square(1, 0)), // shares an edge
    polygon(square(1, 1)), // shares a corner
    polygon(square(0.5, 0.5)), // overlaps
    polygon(square(0, 0)), // duplicate
    polygon(square(0.25, 0.25, 0.5)), // inside
    polygon(square(-1, -1, 3), square(-0.5, -0.5, 2)), // a hole the first squares sit in
    polygon(ring(at(0.5, 0), at(1.5, 0.5), at(0.5, 1))), // a vertex on an edge (T-junction)
    polygon(ring(at(-0.5, 0.5), at(0.5, -0.5), at(1.5, 0.5), at(0.5, 1.5))), // diamond: edges cross the square's
    {
      type: 'MultiPolygon',
      coordinates: [[square(3, 0)], [square(0.9, 0.9, 0.2)]],
    } satisfies MultiPolygon,
    // Collinear edges sharing a stretch, offset by a float hair.
    polygon(
      ring([at(1, 0)[0] as number, 26.62 + 0.3 * D], at(2, 0.3), at(2, 0.7), [
        at(1, 0)[0] as number,
        26.62 + 0.7 * D,
      ]),
    ),
  ];
  const next = mulberry32(11);
  for (let index = 0; index < 40; index++) {
    const x = next() * 3;
    const y = next() * 3;
    shapes.push(
      polygon(
        ring(
          at(x, y),
          at(x + next(), y - next() * 0.3),
          at(x + next(), y + next()),
          at(x - next() * 0.3, y + next()),
        ),
      ),
    );
  }
  return shapes;
}

describe('flat shapes for the overlap pre-test', () => {
  it('decide every pair exactly as the tests on arrays of points: vertices, midpoints, holes, crossings', () => {
    const shapes = fixtures();
    const flat = flatShapes(shapes);
    const arrays = shapes.map(reference);
    let entered = 0;
    let crossed = 0;
    for (let first = 0; first < shapes.length; first++) {
      expect(flat[first]?.bounds).toEqual(arrays[first]?.bounds);
      for (let second = 0; second < shapes.length; second++) {
        if (first === second) continue;
        const enters = referenceEnters(arrays[first] as Reference, arrays[second] as Reference);
        const crosses = referenceCross(arrays[first] as Reference, arrays[second] as Reference);
        expect(boundaryEntersInterior(flat[first] as FlatShape, flat[second] as FlatShape, TOLERANCE)).toBe(
          enters,
        );
        expect(edgesCross(flat[first] as FlatShape, flat[second] as FlatShape)).toBe(crosses);
        if (enters) entered++;
        if (crosses) crossed++;
      }
    }
    // The fixtures exercise both outcomes of both tests.
    expect(entered).toBeGreaterThan(20);
    expect(crossed).toBeGreaterThan(20);
    expect(entered).toBeLessThan(shapes.length * (shapes.length - 1));
  });
});
