/**
 * The syntax of coordinate-system WKT (OGC 01-009 "WKT1", ESRI's WKT1 dialect in `.prj` files, and ISO 19162
 * "WKT2"): `KEYWORD[argument, …]` where an argument is a quoted string, a number, a bare enumeration word
 * (`NORTH`, `Cartesian`) or a nested node. Only the tree is built here; what it means is decided in `../crs.ts`.
 */

export type WktArgument = string | number | WktNode;

export interface WktNode {
  /** Upper-cased keyword (`PROJCS`, `GEOGCRS`, `PARAMETER` …). */
  keyword: string;
  args: WktArgument[];
}

/** Parses one WKT node; returns null when the text is not WKT (so the caller can say so in its own words). */
export function parseWktTree(text: string): WktNode | null {
  const parser = new WktParser(text.trim());
  try {
    const node = parser.node();
    return node;
  } catch {
    return null;
  }
}

class WktParser {
  private cursor = 0;
  constructor(private readonly text: string) {}

  node(): WktNode {
    const keyword = this.word();
    this.skipSpace();
    const open = this.text[this.cursor];
    if (open !== '[' && open !== '(') throw new Error(`expected [ after ${keyword}`);
    this.cursor++;
    const args: WktArgument[] = [];
    for (;;) {
      this.skipSpace();
      const character = this.text[this.cursor];
      if (character === undefined) throw new Error('unterminated WKT');
      if (character === ']' || character === ')') {
        this.cursor++;
        return { keyword: keyword.toUpperCase(), args };
      }
      if (character === ',') {
        this.cursor++;
        continue;
      }
      args.push(this.argument());
    }
  }

  private argument(): WktArgument {
    const character = this.text[this.cursor] as string;
    if (character === '"') return this.quoted();
    if (/[-+.\d]/.test(character)) return this.number();
    const start = this.cursor;
    const word = this.word();
    this.skipSpace();
    const next = this.text[this.cursor];
    if (next === '[' || next === '(') {
      this.cursor = start;
      return this.node();
    }
    return word;
  }

  private quoted(): string {
    // WKT2 escapes a quote inside a string by doubling it.
    let value = '';
    this.cursor++;
    for (;;) {
      const end = this.text.indexOf('"', this.cursor);
      if (end < 0) throw new Error('unterminated string');
      value += this.text.slice(this.cursor, end);
      this.cursor = end + 1;
      if (this.text[this.cursor] !== '"') return value;
      value += '"';
      this.cursor++;
    }
  }

  private number(): number {
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(
      this.text.slice(this.cursor, this.cursor + 64),
    );
    if (!match) throw new Error('bad number');
    this.cursor += match[0].length;
    return Number(match[0]);
  }

  private word(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.cursor, this.cursor + 64));
    if (!match) throw new Error('expected a keyword');
    this.cursor += match[0].length;
    return match[0];
  }

  private skipSpace(): void {
    while (this.cursor < this.text.length && /\s/.test(this.text[this.cursor] as string)) this.cursor++;
  }
}

/** First direct child node with one of the keywords. */
export function childNode(node: WktNode, keywords: readonly string[]): WktNode | undefined {
  for (const argument of node.args) {
    if (typeof argument === 'object' && keywords.includes(argument.keyword)) return argument;
  }
  return undefined;
}

export function childNodes(node: WktNode, keywords: readonly string[]): WktNode[] {
  return node.args.filter(
    (argument): argument is WktNode => typeof argument === 'object' && keywords.includes(argument.keyword),
  );
}

/** The node's name: its first argument when that is a string. */
export function nodeName(node: WktNode | undefined): string | undefined {
  const first = node?.args[0];
  return typeof first === 'string' ? first : undefined;
}

/** `AUTHORITY["EPSG","4545"]` (WKT1) or `ID["EPSG",4545]` (WKT2) directly on this node. */
export function nodeAuthority(node: WktNode): { authority: string; code: number } | undefined {
  const authority = childNode(node, ['AUTHORITY', 'ID']);
  if (!authority) return undefined;
  const [name, code] = authority.args;
  if (typeof name !== 'string') return undefined;
  const numeric = typeof code === 'number' ? code : Number(code);
  return Number.isInteger(numeric) ? { authority: name.toUpperCase(), code: numeric } : undefined;
}
