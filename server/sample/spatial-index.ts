/**
 * A uniform grid over local metres. Parks are a few kilometres across and the objects are roughly evenly spread,
 * so a hash grid beats a tree here and keeps the code short.
 */
import type { Bbox, Point } from './geometry.ts';

/** Packs two signed cell indices into one number key; ±2^20 cells is far beyond any park. */
function cellKey(column: number, row: number): number {
  return (column + 1048576) * 2097152 + (row + 1048576);
}

export class GridIndex<Item> {
  private readonly cells = new Map<number, Item[]>();

  constructor(private readonly cellSize: number) {}

  insert(item: Item, bbox: Bbox): void {
    const firstColumn = Math.floor(bbox.minX / this.cellSize);
    const lastColumn = Math.floor(bbox.maxX / this.cellSize);
    const firstRow = Math.floor(bbox.minY / this.cellSize);
    const lastRow = Math.floor(bbox.maxY / this.cellSize);
    for (let column = firstColumn; column <= lastColumn; column++) {
      for (let row = firstRow; row <= lastRow; row++) {
        const key = cellKey(column, row);
        const bucket = this.cells.get(key);
        if (bucket) bucket.push(item);
        else this.cells.set(key, [item]);
      }
    }
  }

  insertPoint(item: Item, point: Point): void {
    this.insert(item, { minX: point[0], minY: point[1], maxX: point[0], maxY: point[1] });
  }

  /** Every item whose cells meet the box; an item spanning several cells is reported once per cell. */
  forEachCandidate(bbox: Bbox, visit: (item: Item) => void): void {
    const firstColumn = Math.floor(bbox.minX / this.cellSize);
    const lastColumn = Math.floor(bbox.maxX / this.cellSize);
    const firstRow = Math.floor(bbox.minY / this.cellSize);
    const lastRow = Math.floor(bbox.maxY / this.cellSize);
    for (let column = firstColumn; column <= lastColumn; column++) {
      for (let row = firstRow; row <= lastRow; row++) {
        const bucket = this.cells.get(cellKey(column, row));
        if (bucket) for (const item of bucket) visit(item);
      }
    }
  }

  /** Distinct items whose cells meet the box, in insertion-independent order when items are numbers. */
  query(bbox: Bbox): Item[] {
    const found = new Set<Item>();
    this.forEachCandidate(bbox, (item) => found.add(item));
    return [...found];
  }
}

export function pointBbox(point: Point, radius: number): Bbox {
  return {
    minX: point[0] - radius,
    minY: point[1] - radius,
    maxX: point[0] + radius,
    maxY: point[1] + radius,
  };
}
