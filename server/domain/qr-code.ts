/**
 * A QR code encoder (ISO/IEC 18004:2015), byte mode, error correction level M (~15 % of the symbol may be lost:
 * enough for a sheet on a village wall), versions 1–40. Written here rather than pulled from npm because the whole
 * product runs offline and this is all the 公示 print needs: the board draws the code of its own live URL.
 *
 * Steps, each a clause of the standard: encode the bytes (7.4), split into blocks and add Reed–Solomon codewords
 * over GF(256) with polynomial 0x11d (7.5), place function patterns and the interleaved codewords (7.7), then try
 * the eight masks and keep the one with the lowest penalty (7.8.3), and write format and version information (7.9,
 * 7.10). The golden test (test/unit/qr-code.test.ts) compares modules against an independent encoder's output.
 */

/** Error-correction codewords per block, level M, index = version. */
const ECC_CODEWORDS_PER_BLOCK = [
  -1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
  28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];
/** Number of error-correction blocks, level M, index = version. */
const ERROR_CORRECTION_BLOCKS = [
  -1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28,
  29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];
/** Level M's two format bits (table 12). */
const LEVEL_M_FORMAT_BITS = 0;

export interface QrCode {
  version: number;
  size: number;
  mask: number;
  /** `modules[y][x]`: true is dark. */
  modules: boolean[][];
}

function rawDataModules(version: number): number {
  let result = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const alignmentCount = Math.floor(version / 7) + 2;
    result -= (25 * alignmentCount - 10) * alignmentCount - 55;
    if (version >= 7) result -= 36;
  }
  return result;
}

function dataCodewords(version: number): number {
  return (
    Math.floor(rawDataModules(version) / 8) -
    (ECC_CODEWORDS_PER_BLOCK[version] as number) * (ERROR_CORRECTION_BLOCKS[version] as number)
  );
}

function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const size = version * 4 + 17;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const positions = [6];
  for (let position = size - 7; positions.length < count; position -= step) positions.splice(1, 0, position);
  return positions;
}

// GF(256) arithmetic with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
function multiply(x: number, y: number): number {
  let product = 0;
  for (let bit = 7; bit >= 0; bit--) {
    product = (product << 1) ^ ((product >>> 7) * 0x11d);
    product ^= ((y >>> bit) & 1) * x;
  }
  return product;
}

function reedSolomonDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let index = 0; index < degree; index++) {
    for (let term = 0; term < degree; term++) {
      result[term] = multiply(result[term] as number, root);
      if (term + 1 < degree) result[term] = (result[term] as number) ^ (result[term + 1] as number);
    }
    root = multiply(root, 0x02);
  }
  return result;
}

function reedSolomonRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const result = divisor.map(() => 0);
  for (const byte of data) {
    const factor = byte ^ (result.shift() as number);
    result.push(0);
    divisor.forEach((coefficient, index) => {
      result[index] = (result[index] as number) ^ multiply(coefficient, factor);
    });
  }
  return result;
}

function encodeData(bytes: Uint8Array, version: number): number[] {
  const bits: number[] = [];
  const append = (value: number, length: number) => {
    for (let bit = length - 1; bit >= 0; bit--) bits.push((value >>> bit) & 1);
  };
  append(0b0100, 4); // byte mode
  append(bytes.length, version <= 9 ? 8 : 16);
  for (const byte of bytes) append(byte, 8);
  const capacity = dataCodewords(version) * 8;
  append(0, Math.min(4, capacity - bits.length)); // terminator
  append(0, (8 - (bits.length % 8)) % 8);
  const codewords: number[] = [];
  for (let index = 0; index < bits.length; index += 8) {
    codewords.push(bits.slice(index, index + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  }
  for (let pad = 0xec; codewords.length < capacity / 8; pad ^= 0xec ^ 0x11) codewords.push(pad);
  return codewords;
}

/** Splits into blocks, appends each block's Reed–Solomon codewords, and interleaves (7.6). */
function addErrorCorrection(data: readonly number[], version: number): number[] {
  const blockCount = ERROR_CORRECTION_BLOCKS[version] as number;
  const eccLength = ECC_CODEWORDS_PER_BLOCK[version] as number;
  const rawCodewords = Math.floor(rawDataModules(version) / 8);
  const shortBlockCount = blockCount - (rawCodewords % blockCount);
  const shortBlockDataLength = Math.floor(rawCodewords / blockCount) - eccLength;
  const divisor = reedSolomonDivisor(eccLength);
  const dataBlocks: number[][] = [];
  const eccBlocks: number[][] = [];
  let offset = 0;
  for (let block = 0; block < blockCount; block++) {
    const length = shortBlockDataLength + (block < shortBlockCount ? 0 : 1);
    const blockData = data.slice(offset, offset + length);
    offset += length;
    dataBlocks.push(blockData);
    eccBlocks.push(reedSolomonRemainder(blockData, divisor));
  }
  const result: number[] = [];
  for (let index = 0; index <= shortBlockDataLength; index++) {
    for (const block of dataBlocks) if (index < block.length) result.push(block[index] as number);
  }
  for (let index = 0; index < eccLength; index++) {
    for (const block of eccBlocks) result.push(block[index] as number);
  }
  return result;
}

class Grid {
  readonly modules: boolean[][];
  readonly isFunction: boolean[][];
  constructor(readonly size: number) {
    this.modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.isFunction = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }
  setFunction(x: number, y: number, dark: boolean): void {
    (this.modules[y] as boolean[])[x] = dark;
    (this.isFunction[y] as boolean[])[x] = true;
  }
}

function drawFunctionPatterns(grid: Grid, version: number): void {
  const { size } = grid;
  for (let index = 0; index < size; index++) {
    grid.setFunction(6, index, index % 2 === 0);
    grid.setFunction(index, 6, index % 2 === 0);
  }
  for (const [centreX, centreY] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const distance = Math.max(Math.abs(dx), Math.abs(dy));
        const x = centreX + dx;
        const y = centreY + dy;
        if (x >= 0 && x < size && y >= 0 && y < size)
          grid.setFunction(x, y, distance !== 2 && distance !== 4);
      }
    }
  }
  const positions = alignmentPositions(version);
  const last = positions.length - 1;
  positions.forEach((centreX, i) => {
    positions.forEach((centreY, j) => {
      // The three corners hold finder patterns.
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          grid.setFunction(centreX + dx, centreY + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      }
    });
  });
  drawFormatBits(grid, 0); // reserves the format areas; rewritten once the mask is chosen
  if (version >= 7) {
    let remainder = version;
    for (let index = 0; index < 12; index++) remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
    const bits = (version << 12) | remainder;
    for (let index = 0; index < 18; index++) {
      const dark = ((bits >>> index) & 1) !== 0;
      const a = size - 11 + (index % 3);
      const b = Math.floor(index / 3);
      grid.setFunction(a, b, dark);
      grid.setFunction(b, a, dark);
    }
  }
}

function drawFormatBits(grid: Grid, mask: number): void {
  const data = (LEVEL_M_FORMAT_BITS << 3) | mask;
  let remainder = data;
  for (let index = 0; index < 10; index++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  const bits = ((data << 10) | remainder) ^ 0x5412;
  const bit = (index: number) => ((bits >>> index) & 1) !== 0;
  const { size } = grid;
  for (let index = 0; index <= 5; index++) grid.setFunction(8, index, bit(index));
  grid.setFunction(8, 7, bit(6));
  grid.setFunction(8, 8, bit(7));
  grid.setFunction(7, 8, bit(8));
  for (let index = 9; index < 15; index++) grid.setFunction(14 - index, 8, bit(index));
  for (let index = 0; index < 8; index++) grid.setFunction(size - 1 - index, 8, bit(index));
  for (let index = 8; index < 15; index++) grid.setFunction(8, size - 15 + index, bit(index));
  grid.setFunction(8, size - 8, true); // the dark module
}

/** Places the codewords in the two-column zigzag from the bottom right, skipping function modules (7.7.3). */
function placeCodewords(grid: Grid, codewords: readonly number[]): void {
  const { size } = grid;
  let bitIndex = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vertical = 0; vertical < size; vertical++) {
      for (let column = 0; column < 2; column++) {
        const x = right - column;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vertical : vertical;
        if (!grid.isFunction[y]?.[x] && bitIndex < codewords.length * 8) {
          const byte = codewords[bitIndex >>> 3] as number;
          (grid.modules[y] as boolean[])[x] = ((byte >>> (7 - (bitIndex & 7))) & 1) !== 0;
          bitIndex++;
        }
      }
    }
  }
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

function applyMask(grid: Grid, mask: number): void {
  const test = MASKS[mask] as (x: number, y: number) => boolean;
  for (let y = 0; y < grid.size; y++) {
    for (let x = 0; x < grid.size; x++) {
      if (!grid.isFunction[y]?.[x] && test(x, y)) {
        (grid.modules[y] as boolean[])[x] = !grid.modules[y]?.[x];
      }
    }
  }
}

/** Penalty rules N1–N4 (7.8.3.1): runs, 2×2 blocks, finder-like patterns, dark/light balance. */
export function penaltyScore(modules: readonly (readonly boolean[])[]): number {
  const size = modules.length;
  const at = (x: number, y: number) => modules[y]?.[x] === true;
  let score = 0;
  const lines: boolean[][] = [];
  for (let index = 0; index < size; index++) {
    lines.push(Array.from({ length: size }, (_, position) => at(position, index)));
    lines.push(Array.from({ length: size }, (_, position) => at(index, position)));
  }
  const finderLike = [true, false, true, true, true, false, true];
  for (const line of lines) {
    let runLength = 1;
    for (let position = 1; position <= size; position++) {
      if (position < size && line[position] === line[position - 1]) runLength++;
      else {
        if (runLength >= 5) score += 3 + (runLength - 5);
        runLength = 1;
      }
    }
    // 1:1:3:1:1 with four light modules on either side (the light quiet zone counts as light).
    for (let start = -4; start + 7 <= size + 4; start++) {
      const pattern = finderLike.every((dark, offset) => (line[start + offset] ?? false) === dark);
      if (!pattern) continue;
      const lightBefore = [1, 2, 3, 4].every((offset) => !(line[start - offset] ?? false));
      const lightAfter = [7, 8, 9, 10].every((offset) => !(line[start + offset] ?? false));
      if (lightBefore || lightAfter) score += 40;
    }
  }
  let dark = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (at(x, y)) dark++;
      if (x + 1 < size && y + 1 < size) {
        const colour = at(x, y);
        if (at(x + 1, y) === colour && at(x, y + 1) === colour && at(x + 1, y + 1) === colour) score += 3;
      }
    }
  }
  const total = size * size;
  score += Math.floor(Math.abs(dark * 20 - total * 10) / total) * 10;
  return score;
}

/** Encodes `text` (UTF-8) in the smallest version that holds it, at level M. `mask` forces a mask (tests). */
export function encodeQrCode(text: string, options: { mask?: number } = {}): QrCode {
  const bytes = new TextEncoder().encode(text);
  let version = 1;
  while (version <= 40 && (version <= 9 ? 12 : 20) + bytes.length * 8 > dataCodewords(version) * 8) version++;
  if (version > 40) throw new Error(`QR code: ${bytes.length} bytes do not fit in version 40-M`);
  const codewords = addErrorCorrection(encodeData(bytes, version), version);
  const size = version * 4 + 17;
  let best: { mask: number; modules: boolean[][]; score: number } | undefined;
  const masks = options.mask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [options.mask];
  for (const mask of masks) {
    const grid = new Grid(size);
    drawFunctionPatterns(grid, version);
    placeCodewords(grid, codewords);
    applyMask(grid, mask);
    drawFormatBits(grid, mask);
    const score = penaltyScore(grid.modules);
    if (!best || score < best.score) best = { mask, modules: grid.modules, score };
  }
  const chosen = best as { mask: number; modules: boolean[][] };
  return { version, size, mask: chosen.mask, modules: chosen.modules };
}

/** The dark modules as one SVG path of horizontal runs, with a four-module quiet zone around the symbol. */
export function qrCodePath(code: QrCode): { extent: number; path: string } {
  const quiet = 4;
  const path: string[] = [];
  code.modules.forEach((row, y) => {
    for (let x = 0; x < code.size; x++) {
      if (!row[x]) continue;
      let end = x;
      while (end + 1 < code.size && row[end + 1]) end++;
      path.push(`M${x + quiet} ${y + quiet}h${end - x + 1}v1h-${end - x + 1}z`);
      x = end;
    }
  });
  return { extent: code.size + quiet * 2, path: path.join('') };
}

/** A standalone SVG document of the code: small, and crisp at any print size (`shape-rendering="crispEdges"`). */
export function qrCodeSvg(code: QrCode, options: { title?: string } = {}): string {
  const { extent, path } = qrCodePath(code);
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${extent} ${extent}" shape-rendering="crispEdges">` +
    `${title}<rect width="${extent}" height="${extent}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
