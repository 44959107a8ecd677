/**
 * Well-Known Text geometries (OGC 06-103r4 §7, with ISO 19125 `Z`/`M`/`ZM` and PostGIS EWKT's `SRID=n;` prefix)
 * for the two types a parcel can be: POLYGON and MULTIPOLYGON. Z and M values are dropped. Other types are reported
 * by name so that the caller can say "a point is not a parcel".
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface ParsedWkt {
  /** Null for `POLYGON EMPTY` / `MULTIPOLYGON EMPTY`. */
  geometry: Polygon | MultiPolygon | null;
  /** The EWKT `SRID=` prefix, when present. */
  srid: number | undefined;
}

/** Thrown for well-formed WKT of a type other than POLYGON / MULTIPOLYGON. */
export class WktTypeError extends Error {
  constructor(readonly geometryType: string) {
    super(`WKT geometry type ${geometryType} is not POLYGON or MULTIPOLYGON`);
  }
}

const TYPE_PATTERN = /^\s*(?:SRID=(\d+);)?\s*([A-Za-z]+?)(ZM|Z|M)?\s*(ZM|Z|M)?\s*(\(|EMPTY\b)/i;
const NUMBER_PATTERN = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;

/** The geometry keyword at the start of a value (`POLYGON`, `POINT` …), or undefined when it is not WKT. */
export function wktGeometryType(text: string): string | undefined {
  const match = TYPE_PATTERN.exec(text);
  const keyword = match?.[2]?.toUpperCase();
  return keyword && KNOWN_TYPES.has(keyword) ? keyword : undefined;
}

const KNOWN_TYPES = new Set([
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
  'TRIANGLE',
  'TIN',
  'POLYHEDRALSURFACE',
  'CURVEPOLYGON',
  'MULTISURFACE',
]);

/** Parses POLYGON / MULTIPOLYGON WKT; throws `WktTypeError` for other types and `Error` for malformed text. */
export function parseWktGeometry(text: string): ParsedWkt {
  const match = TYPE_PATTERN.exec(text);
  const keyword = match?.[2]?.toUpperCase();
  if (!match || !keyword || !KNOWN_TYPES.has(keyword)) throw new Error('not WKT');
  if (keyword !== 'POLYGON' && keyword !== 'MULTIPOLYGON') throw new WktTypeError(keyword);
  const srid = match[1] === undefined ? undefined : Number(match[1]);
  if (match[5]?.toUpperCase() === 'EMPTY') return { geometry: null, srid };
  const reader = new CoordinateReader(text, match.index + match[0].length - 1);
  const geometry: Polygon | MultiPolygon =
    keyword === 'POLYGON'
      ? { type: 'Polygon', coordinates: reader.polygon() }
      : { type: 'MultiPolygon', coordinates: reader.multiPolygon() };
  reader.end();
  const empty = geometry.coordinates.length === 0;
  return { geometry: empty ? null : geometry, srid };
}

class CoordinateReader {
  constructor(
    private readonly text: string,
    private cursor: number,
  ) {}

  private skipSpace(): void {
    let code = this.text.charCodeAt(this.cursor);
    while (code === 32 || code === 9 || code === 10 || code === 13)
      code = this.text.charCodeAt(++this.cursor);
  }

  private expect(character: string): void {
    this.skipSpace();
    if (this.text[this.cursor] !== character) {
      throw new Error(`expected "${character}" at character ${this.cursor + 1}`);
    }
    this.cursor++;
  }

  /** After an element: true when a comma follows (another element), false at the closing parenthesis. */
  private more(): boolean {
    this.skipSpace();
    const character = this.text[this.cursor];
    if (character === ',') {
      this.cursor++;
      return true;
    }
    if (character === ')') {
      this.cursor++;
      return false;
    }
    throw new Error(`expected "," or ")" at character ${this.cursor + 1}`);
  }

  private emptyMember(): boolean {
    this.skipSpace();
    if (this.text.slice(this.cursor, this.cursor + 5).toUpperCase() !== 'EMPTY') return false;
    this.cursor += 5;
    return true;
  }

  private number(): number {
    this.skipSpace();
    NUMBER_PATTERN.lastIndex = this.cursor;
    const match = NUMBER_PATTERN.exec(this.text);
    if (!match) throw new Error(`expected a number at character ${this.cursor + 1}`);
    this.cursor = NUMBER_PATTERN.lastIndex;
    return Number(match[0]);
  }

  private position(): Position {
    const x = this.number();
    const y = this.number();
    // Z and/or M follow as more numbers: read and drop them.
    for (;;) {
      this.skipSpace();
      const character = this.text[this.cursor];
      if (character === ',' || character === ')' || character === undefined) break;
      this.number();
    }
    return [x, y];
  }

  private ring(): Position[] {
    this.expect('(');
    const ring: Position[] = [];
    do ring.push(this.position());
    while (this.more());
    return ring;
  }

  polygon(): Position[][] {
    this.expect('(');
    const rings: Position[][] = [];
    do rings.push(this.ring());
    while (this.more());
    return rings;
  }

  multiPolygon(): Position[][][] {
    this.expect('(');
    const polygons: Position[][][] = [];
    do {
      if (!this.emptyMember()) polygons.push(this.polygon());
    } while (this.more());
    return polygons;
  }

  end(): void {
    this.skipSpace();
    if (this.cursor < this.text.length) throw new Error(`unexpected text at character ${this.cursor + 1}`);
  }
}
