import type { MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  ellipsoidArea,
  type GaussKrugerZone,
  gaussKrugerZoneFor,
  planeArea,
} from '../../server/domain/areas.ts';
import { squareMetresToHectares, squareMetresToMu } from '../../server/domain/units.ts';

const polygon = (coordinates: number[][][]): Polygon => ({ type: 'Polygon', coordinates });

/** PostGIS 3.3: ST_Area(geography) and ST_Area(ST_Transform(geom, 4545)), from the foundation issue. */
const POSTGIS_REFERENCES = [
  {
    name: '30 m × 20 m rectangle',
    geometry: polygon([
      [
        [106.65, 26.62],
        [106.6503, 26.62],
        [106.6503, 26.62018],
        [106.65, 26.62018],
        [106.65, 26.62],
      ],
    ]),
    ellipsoid: 595.8314,
    plane: 596.0972,
  },
  {
    name: 'irregular pentagon',
    geometry: polygon([
      [
        [106.6612, 26.6234],
        [106.6641, 26.6229],
        [106.6655, 26.6251],
        [106.6638, 26.627],
        [106.661, 26.6262],
        [106.6612, 26.6234],
      ],
    ]),
    ellipsoid: 144207.3064,
    plane: 144270.4058,
  },
  {
    name: 'rectangle with a hole',
    geometry: polygon([
      [
        [106.64, 26.61],
        [106.641, 26.61],
        [106.641, 26.6108],
        [106.64, 26.6108],
        [106.64, 26.61],
      ],
      [
        [106.6403, 26.6103],
        [106.6406, 26.6103],
        [106.6406, 26.6105],
        [106.6403, 26.6105],
        [106.6403, 26.6103],
      ],
    ]),
    ellipsoid: 8165.7746,
    plane: 8169.4704,
  },
  {
    name: '2 km × 2 km square',
    geometry: polygon([
      [
        [106.6, 26.6],
        [106.62, 26.6],
        [106.62, 26.618],
        [106.6, 26.618],
        [106.6, 26.6],
      ],
    ]),
    ellipsoid: 3972586.5995,
    plane: 3974466.2078,
  },
];

describe('area engine against PostGIS 3.3', () => {
  for (const reference of POSTGIS_REFERENCES) {
    it(`ellipsoidal area of the ${reference.name} is within 1e-6 of ST_Area(geography)`, () => {
      const area = ellipsoidArea(reference.geometry);
      expect(Math.abs(area - reference.ellipsoid) / reference.ellipsoid).toBeLessThanOrEqual(1e-6);
    });
    it(`plane area of the ${reference.name} is within 1e-6 of ST_Area(ST_Transform(geom, 4545))`, () => {
      const area = planeArea(reference.geometry, gaussKrugerZoneFor(106.65));
      expect(Math.abs(area - reference.plane) / reference.plane).toBeLessThanOrEqual(1e-6);
    });
  }

  it('differs from the spherical (turf) figures, which are about 0.18 % high', () => {
    const spherical = 3979714.4609;
    const area = ellipsoidArea(POSTGIS_REFERENCES[3]?.geometry as Polygon);
    expect((spherical - area) / area).toBeGreaterThan(0.0015);
  });

  it('does not depend on ring orientation', () => {
    const reference = POSTGIS_REFERENCES[1] as (typeof POSTGIS_REFERENCES)[number];
    const reversed = polygon(reference.geometry.coordinates.map((ring) => [...ring].reverse()));
    expect(ellipsoidArea(reversed)).toBeCloseTo(ellipsoidArea(reference.geometry), 6);
    expect(planeArea(reversed)).toBeCloseTo(planeArea(reference.geometry), 6);
  });

  it('accepts an unclosed ring as GeographicLib does', () => {
    const reference = POSTGIS_REFERENCES[0] as (typeof POSTGIS_REFERENCES)[number];
    const open = polygon([reference.geometry.coordinates[0]?.slice(0, -1) as number[][]]);
    expect(ellipsoidArea(open)).toBeCloseTo(reference.ellipsoid, 3);
  });
});

/** The plane area as the engine computed it through proj4's converter, vertex array by vertex array. */
function planeAreaThroughConverter(geometry: Polygon | MultiPolygon, zone: GaussKrugerZone): number {
  const converter = proj4('EPSG:4326', zone.proj4);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      const first = ring[0] as Position;
      const last = ring[ring.length - 1] as Position;
      const count =
        ring.length > 1 && first[0] === last[0] && first[1] === last[1] ? ring.length - 1 : ring.length;
      const points: [number, number][] = [];
      for (let vertex = 0; vertex < count; vertex++) {
        points.push(converter.forward([ring[vertex]?.[0] as number, ring[vertex]?.[1] as number]));
      }
      const [originX, originY] = points[0] ?? [0, 0];
      let twiceArea = 0;
      for (let vertex = 0; vertex < points.length; vertex++) {
        const current = points[vertex] as [number, number];
        const next = points[(vertex + 1) % points.length] as [number, number];
        twiceArea +=
          (current[0] - originX) * (next[1] - originY) - (next[0] - originX) * (current[1] - originY);
      }
      const area = points.length === 0 ? 0 : Math.abs(twiceArea / 2);
      total += index === 0 ? area : -area;
    });
  }
  return total;
}

describe('plane area projection', () => {
  it('is proj4’s converter, number for number, across the zones and far from the central meridian', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let sample = 0; sample < 400; sample++) {
      const longitude = 74 + random() * 62;
      const latitude = 3 + random() * 50;
      const size = 10 ** (-5 + random() * 4);
      const ring = (scale: number): Position[] => {
        const positions: Position[] = [];
        const vertices = 3 + Math.floor(random() * 12);
        for (let vertex = 0; vertex < vertices; vertex++) {
          const angle = (2 * Math.PI * vertex) / vertices;
          const radius = size * scale * (0.5 + random());
          positions.push([longitude + radius * Math.cos(angle), latitude + radius * Math.sin(angle)]);
        }
        if (sample % 3 !== 0) positions.push(positions[0] as Position);
        return positions;
      };
      const geometry: Polygon | MultiPolygon =
        sample % 4 === 0
          ? { type: 'MultiPolygon', coordinates: [[ring(1), ring(0.2)], [ring(0.5)]] }
          : { type: 'Polygon', coordinates: [ring(1)] };
      // The parcel's own zone, and one zone further (up to some 4.5° from the central meridian).
      for (const zone of [gaussKrugerZoneFor(longitude), gaussKrugerZoneFor(longitude + 3)]) {
        expect(Object.is(planeArea(geometry, zone), planeAreaThroughConverter(geometry, zone))).toBe(true);
      }
    }
  });

  it('refuses coordinates that are not finite, as proj4 does', () => {
    const zone = gaussKrugerZoneFor(108);
    const broken = polygon([
      [
        [108, 26],
        [Number.NaN, 26],
        [108, 27],
        [108, 26],
      ],
    ]);
    expect(() => planeArea(broken, zone)).toThrow(TypeError);
    expect(() => planeAreaThroughConverter(broken, zone)).toThrow(TypeError);
  });
});

describe('Gauss-Krüger zone choice', () => {
  it('uses EPSG:4545 (central meridian 108°E) for the park at 106.65°E', () => {
    expect(gaussKrugerZoneFor(106.65)).toMatchObject({ epsg: 4545, centralMeridian: 108 });
  });
  it('covers the CGCS2000 3-degree zones 4534 (75°E) to 4554 (135°E)', () => {
    expect(gaussKrugerZoneFor(75.2).epsg).toBe(4534);
    expect(gaussKrugerZoneFor(134.9).epsg).toBe(4554);
    expect(gaussKrugerZoneFor(116.4).epsg).toBe(4548);
    expect(gaussKrugerZoneFor(118.6).centralMeridian).toBe(120);
  });
});

describe('units', () => {
  it('converts square metres to mu (10000/15 ㎡) and hectares', () => {
    expect(squareMetresToMu(10000 / 15)).toBe(1);
    expect(squareMetresToMu(6666.67)).toBeCloseTo(10.000005, 6);
    expect(squareMetresToHectares(25000)).toBe(2.5);
  });
});
