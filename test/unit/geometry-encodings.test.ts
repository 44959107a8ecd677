import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { decodeParcelGeometry, encodeParcelGeometry } from '../../server/domain/parcel-geometry-binary.ts';
import { maskIdNumber, maskPhone } from '../../server/domain/personal-data.ts';
import {
  decodeGeometryBlob,
  encodeGeometryBlob,
  GeometryBlobWriter,
} from '../../server/store/geopackage/geometry-blob.ts';
import { decodeWkb, decodeWkbInto, encodeWkb } from '../../server/store/geopackage/wkb.ts';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [106.64, 26.61],
      [106.641, 26.61],
      [106.641, 26.611],
      [106.64, 26.611],
      [106.64, 26.61],
    ],
    [
      [106.6403, 26.6103],
      [106.6403, 26.6105],
      [106.6406, 26.6105],
      [106.6406, 26.6103],
      [106.6403, 26.6103],
    ],
  ],
};
const twoParts: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [106.65, 26.62],
        [106.651, 26.62],
        [106.6505, 26.621],
        [106.65, 26.62],
      ],
    ],
    [
      [
        [106.66, 26.62],
        [106.661, 26.62],
        [106.6605, 26.621],
        [106.66, 26.62],
      ],
    ],
  ],
};

describe('WKB and GeoPackage geometry blobs', () => {
  it('round-trips polygons with holes and multipolygons exactly', () => {
    expect(decodeWkb(encodeWkb(square))).toEqual(square);
    expect(decodeWkb(encodeWkb(twoParts))).toEqual(twoParts);
    expect(decodeGeometryBlob(encodeGeometryBlob(twoParts, 4490))).toEqual({
      srsId: 4490,
      geometry: twoParts,
    });
  });

  it('writes the GP header with the envelope [minx, maxx, miny, maxy] (OGC 12-128 clause 2.1.3)', () => {
    const blob = encodeGeometryBlob(square, 4490);
    const view = new DataView(blob.buffer);
    expect(String.fromCharCode(blob[0] as number, blob[1] as number)).toBe('GP');
    expect(blob[3]).toBe(0b11);
    expect(view.getInt32(4, true)).toBe(4490);
    expect([8, 16, 24, 32].map((offset) => view.getFloat64(offset, true))).toEqual([
      106.64, 106.641, 26.61, 26.611,
    ]);
  });

  it('is the GP header, the envelope of the outer rings and the WKB, byte for byte', () => {
    for (const geometry of [square, twoParts]) {
      const wkb = encodeWkb(geometry);
      const expected = new Uint8Array(40 + wkb.length);
      const view = new DataView(expected.buffer);
      expected.set([0x47, 0x50, 0, 0b11]);
      view.setInt32(4, 4326, true);
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      const outer = polygons.flatMap((polygon) => polygon[0] ?? []);
      const xs = outer.map((position) => position[0] as number);
      const ys = outer.map((position) => position[1] as number);
      [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].forEach((value, index) => {
        view.setFloat64(8 + 8 * index, value, true);
      });
      expected.set(wkb, 40);
      expect(encodeGeometryBlob(geometry, 4326)).toEqual(expected);
    }
  });

  it('writes many blobs into shared blocks, each the bytes encodeGeometryBlob gives', () => {
    const writer = new GeometryBlobWriter();
    const large: Polygon = {
      type: 'Polygon',
      coordinates: [
        Array.from({ length: 70_001 }, (_, index) => {
          const angle = (2 * Math.PI * (index % 70_000)) / 70_000;
          return [106.65 + 0.01 * Math.cos(angle), 26.62 + 0.01 * Math.sin(angle)];
        }),
      ],
    };
    const geometries = Array.from({ length: 6000 }, (_, index) =>
      index === 4000 ? large : index % 2 === 0 ? square : twoParts,
    );
    const blobs = geometries.map((geometry) => writer.encode(geometry, 4490));
    // Views of a few blocks (the large one in a block of its own), none overwritten by a later blob.
    expect(new Set(blobs.map((blob) => blob.buffer)).size).toBeGreaterThan(2);
    expect(new Set(blobs.map((blob) => blob.buffer)).size).toBeLessThan(20);
    const differing = blobs.filter(
      (blob, index) =>
        Buffer.compare(blob, encodeGeometryBlob(geometries[index] as Polygon | MultiPolygon, 4490)) !== 0,
    );
    expect(differing).toHaveLength(0);
  });

  it('reads big-endian WKB with Z coordinates, as other tools may write it', () => {
    const bytes = new Uint8Array(1 + 4 + 4 + 4 + 4 * 24);
    const view = new DataView(bytes.buffer);
    view.setUint8(0, 0);
    view.setUint32(1, 1003, false); // ISO Polygon Z
    view.setUint32(5, 1, false);
    view.setUint32(9, 4, false);
    const points = [
      [1, 2, 9],
      [3, 2, 9],
      [3, 4, 9],
      [1, 2, 9],
    ];
    points.forEach((point, index) => {
      point.forEach((value, axis) => {
        view.setFloat64(13 + index * 24 + axis * 8, value, false);
      });
    });
    expect(decodeWkb(bytes)).toEqual({ type: 'Polygon', coordinates: [points.map(([x, y]) => [x, y])] });
  });
});

describe('the map geometry buffer', () => {
  it('carries every ring, vertex and a triangulation that excludes holes', () => {
    const origin: [number, number] = [106.65, 26.62];
    const bytes = encodeParcelGeometry(
      [
        { id: 7, geometry: square },
        { id: 9, geometry: twoParts },
      ],
      origin,
    );
    const decoded = decodeParcelGeometry(bytes.buffer);
    expect(decoded.parcelCount).toBe(2);
    expect([...decoded.parcelIds]).toEqual([7, 9]);
    expect(decoded.polygonCount).toBe(3);
    expect([...decoded.polygonParcelIndex]).toEqual([0, 1, 1]);
    expect(decoded.ringCount).toBe(4);
    expect([...decoded.ringParcelIndex]).toEqual([0, 0, 1, 1]);
    // Closing vertices are dropped: 4 + 4 + 3 + 3.
    expect(decoded.vertexCount).toBe(14);
    expect([...decoded.ringVertexStart]).toEqual([0, 4, 8, 11, 14]);
    expect([...decoded.polygonVertexStart]).toEqual([0, 8, 11, 14]);
    expect(decoded.positions[0]).toBeCloseTo(106.64 - origin[0], 7);
    expect(decoded.positions[1]).toBeCloseTo(26.61 - origin[1], 7);
    // A square with a square hole triangulates into 8 triangles; each triangle of the multipolygon parts is 1.
    expect(decoded.triangleIndices.length).toBe((8 + 1 + 1) * 3);
    for (const index of decoded.triangleIndices.subarray(24)) expect(index).toBeGreaterThanOrEqual(8);
  });

  it('refuses a buffer that is not a parcel geometry buffer', () => {
    expect(() => decodeParcelGeometry(new ArrayBuffer(64))).toThrow(/not a parcel geometry buffer/);
  });
});

describe('personal data masking', () => {
  it('keeps the region and the last four digits of an ID number, and the ends of a phone', () => {
    expect(maskIdNumber('52011519800101123X')).toBe('520115********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber(null)).toBeNull();
  });
});

describe('a delivery’s curved WKB (CurvePolygon, MultiSurface), as ArcGIS and FME write polygon layers', () => {
  /** Little-endian WKB, built by hand: a header, counts, and points. */
  class WkbWriter {
    private readonly chunks: number[][] = [];
    header(type: number): this {
      this.chunks.push([1]);
      return this.uint32(type);
    }
    uint32(value: number): this {
      const bytes = new Uint8Array(4);
      new DataView(bytes.buffer).setUint32(0, value, true);
      this.chunks.push([...bytes]);
      return this;
    }
    points(points: [number, number][]): this {
      this.uint32(points.length);
      for (const point of points) {
        const bytes = new Uint8Array(16);
        const view = new DataView(bytes.buffer);
        view.setFloat64(0, point[0], true);
        view.setFloat64(8, point[1], true);
        this.chunks.push([...bytes]);
      }
      return this;
    }
    bytes(): Uint8Array {
      return Uint8Array.from(this.chunks.flat());
    }
  }

  /** The rings `decodeWkbInto` hands over, by part. */
  function decoded(bytes: Uint8Array): { parts: number; rings: [number, number][][][] } {
    const rings: [number, number][][][] = [[]];
    let ring: [number, number][] = [];
    const parts = decodeWkbInto(bytes, 0, {
      point: (x, y) => ring.push([x, y]),
      endRing: () => {
        rings.at(-1)?.push(ring);
        ring = [];
      },
      endPart: () => rings.push([]),
    });
    return { parts, rings: rings.slice(0, -1) };
  }

  const shoelace = (ring: [number, number][]) =>
    ring.reduce((sum, [x1, y1], index) => {
      const [x2, y2] = ring[(index + 1) % ring.length] as [number, number];
      return sum + (x1 * y2 - x2 * y1) / 2;
    }, 0);

  const R = 20;
  it('reads a MultiSurface of a Polygon and a CurvePolygon whose ring is a CompoundCurve with an arc', () => {
    const bytes = new WkbWriter()
      .header(12) // MultiSurface
      .uint32(2)
      .header(3) // Polygon: a 10 m square
      .uint32(1)
      .points([
        [100, 0],
        [110, 0],
        [110, 10],
        [100, 10],
        [100, 0],
      ])
      .header(10) // CurvePolygon: a half disc, the diameter then the arc over the top
      .uint32(1)
      .header(9) // CompoundCurve
      .uint32(2)
      .header(2)
      .points([
        [-R, 0],
        [R, 0],
      ])
      .header(8)
      .points([
        [R, 0],
        [0, R],
        [-R, 0],
      ])
      .bytes();
    const { parts, rings } = decoded(bytes);
    expect(parts).toBe(2);
    expect(rings[0]).toEqual([
      [
        [100, 0],
        [110, 0],
        [110, 10],
        [100, 10],
        [100, 0],
      ],
    ]);
    const halfDisc = rings[1]?.[0] as [number, number][];
    // The member curves join without repeating their common point; the ring closes on its first point.
    expect(halfDisc[0]).toEqual([-R, 0]);
    expect(halfDisc[1]).toEqual([R, 0]);
    expect(halfDisc.at(-1)).toEqual([-R, 0]);
    expect(halfDisc.filter(([x, y]) => x === R && y === 0)).toHaveLength(1);
    // Every chord point on the circle, over the top; the area within 1e-4 of the half disc's.
    for (const [x, y] of halfDisc.slice(1)) {
      expect(Math.hypot(x, y)).toBeCloseTo(R, 9);
      expect(y).toBeGreaterThanOrEqual(-1e-9);
    }
    const area = shoelace(halfDisc);
    expect(Math.abs(area / ((Math.PI * R * R) / 2) - 1)).toBeLessThan(1e-4);
  });

  it('follows an arc clockwise when its middle point says so, and a straight "arc" as its segment', () => {
    const lower = new WkbWriter()
      .header(10)
      .uint32(1)
      .header(8)
      .points([
        [R, 0],
        [0, -R],
        [-R, 0],
        [0, R],
        [R, 0],
      ])
      .bytes();
    const circle = decoded(lower).rings[0]?.[0] as [number, number][];
    // Clockwise all round: the full circle, negative by the shoelace.
    expect(Math.abs(shoelace(circle) / (-Math.PI * R * R) - 1)).toBeLessThan(1e-4);
    expect(shoelace(circle)).toBeLessThan(0);
    const straight = new WkbWriter()
      .header(10)
      .uint32(1)
      .header(9)
      .uint32(2)
      .header(8)
      .points([
        [0, 0],
        [5, 0],
        [10, 0],
      ])
      .header(2)
      .points([
        [10, 0],
        [10, 10],
        [0, 0],
      ])
      .bytes();
    expect(decoded(straight).rings).toEqual([
      [
        [
          [0, 0],
          [5, 0],
          [10, 0],
          [10, 10],
          [0, 0],
        ],
      ],
    ]);
  });

  it('refuses a curve type that is not a surface, naming it', () => {
    const line = new WkbWriter()
      .header(2)
      .points([
        [0, 0],
        [1, 1],
      ])
      .bytes();
    expect(() => decoded(line)).toThrow(/unsupported WKB geometry type 2/);
  });
});
