import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../server/domain/areas.ts';
import { repairGeometry, repairGeometryInFull } from '../../server/import/geometry-repair.ts';

// Near the sample park; D ≈ 20 m.
const D = 0.0002;
const at = (x: number, y: number): Position => [106.65 + x * D, 26.62 + y * D];
const closed = (...points: Position[]): Position[] => [...points, points[0] as Position];
const square = (x: number, y: number, size = 1): Position[] =>
  closed(at(x, y), at(x + size, y), at(x + size, y + size), at(x, y + size));
const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const multi = (...parts: Position[][][]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: parts });

const FIXTURES: Record<string, AreaGeometry> = {
  'clean square': polygon(square(0, 0)),
  'clean, clockwise': polygon([...square(0, 0)].reverse()),
  'clean with a hole': polygon(square(0, 0, 4), [...square(1, 1, 2)].reverse()),
  'hole touching its shell at one point': polygon(square(0, 0, 4), closed(at(0, 2), at(1, 1), at(1, 3))),
  'clean single-part multipolygon': multi([square(0, 0)]),
  'clean parts apart': multi([square(0, 0)], [square(3, 0)]),
  'parts sharing an edge': multi([square(0, 0)], [square(1, 0)]),
  'overlapping parts': multi([square(0, 0, 2)], [square(1, 1, 2)]),
  'bow-tie': polygon(closed(at(0, 0), at(2, 2), at(2, 0), at(0, 2))),
  'unclosed ring': polygon([at(0, 0), at(1, 0), at(1, 1), at(0, 1)]),
  'repeated consecutive points': polygon(closed(at(0, 0), at(1, 0), at(1, 0), at(1, 1), at(0, 1))),
  'last point repeating the first before the closing one': polygon([...square(0, 0), at(0, 0)]),
  spike: polygon(closed(at(0, 0), at(2, 0), at(3, 0), at(2, 0.000001), at(2, 2), at(0, 2))),
  'exact spike': polygon(closed(at(0, 0), at(2, 0), at(2, 2), at(2, 3), at(2, 2.5), at(0, 2))),
  'zero area': polygon(closed(at(0, 0), at(1, 1), at(2, 2))),
  'too few points': polygon([at(0, 0), at(1, 0), at(0, 0)]),
  'hole crossing its shell': polygon(square(0, 0, 2), [...square(1, 1, 2)].reverse()),
  'hole outside its shell': polygon(square(0, 0), square(5, 5)),
  'collapsed hole': polygon(square(0, 0, 4), closed(at(1, 1), at(2, 2), at(3, 3))),
  'Z values': polygon(square(0, 0).map(([x, y]) => [x as number, y as number, 1200])),
  'not longitude/latitude': polygon(closed([500000, 3000000], [500020, 3000000], [500020, 3000020])),
  'empty part beside a clean one': multi([], [square(0, 0)]),
  'empty ring': polygon([]),
  'nearly collinear but real': polygon(closed(at(0, 0), at(10, 0), at(5, 0.001))),
};

describe('geometry repair: the fast path for clean geometries', () => {
  for (const [name, geometry] of Object.entries(FIXTURES)) {
    it(`agrees with the full repair: ${name}`, () => {
      expect(repairGeometry(geometry)).toEqual(repairGeometryInFull(geometry));
    });
  }

  it('agrees for a missing geometry, and takes clean geometries as they are (no copy of the vertices)', () => {
    expect(repairGeometry(null)).toEqual(repairGeometryInFull(null));
    const clean = FIXTURES['clean with a hole'] as Polygon;
    expect(repairGeometry(clean).geometry?.coordinates).toBe(clean.coordinates);
    // The fixtures cover both outcomes.
    const outcomes = Object.values(FIXTURES).map((geometry) => repairGeometry(geometry).problems.length > 0);
    expect(outcomes.filter(Boolean).length).toBeGreaterThan(10);
    expect(outcomes.filter((problem) => !problem).length).toBeGreaterThan(5);
  });
});
