// Partial responses (`fields=` system parameter): `sheets.properties(title)`, `sheets(properties(title,index))`,
// `spreadsheetId,properties/title`, `*`. Applied the way Google's front end does: arrays are filtered
// element by element, absent fields stay absent.

export type FieldMask = Map<string, FieldMask | true>;

class FieldParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): FieldMask {
    const mask = this.list();
    if (this.pos !== this.text.length) throw new Error(`Invalid field selection ${this.text}`);
    return mask;
  }

  private list(): FieldMask {
    const mask: FieldMask = new Map();
    for (;;) {
      this.item(mask);
      if (this.text[this.pos] !== ',') return mask;
      this.pos++;
    }
  }

  private item(into: FieldMask): void {
    const path: string[] = [this.name()];
    while (this.text[this.pos] === '.' || this.text[this.pos] === '/') {
      this.pos++;
      path.push(this.name());
    }
    let sub: FieldMask | true = true;
    if (this.text[this.pos] === '(') {
      this.pos++;
      sub = this.list();
      if (this.text[this.pos] !== ')') throw new Error(`Invalid field selection ${this.text}`);
      this.pos++;
    }
    let node = into;
    for (const [i, key] of path.entries()) {
      const last = i === path.length - 1;
      const existing = node.get(key);
      if (last) {
        node.set(key, existing instanceof Map && sub instanceof Map ? merge(existing, sub) : sub);
        return;
      }
      if (existing === true) return; // already selected whole
      const child: FieldMask = existing ?? new Map();
      node.set(key, child);
      node = child;
    }
  }

  private name(): string {
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|\*)/.exec(this.text.slice(this.pos));
    if (!m) throw new Error(`Invalid field selection ${this.text}`);
    this.pos += m[0].length;
    return m[0];
  }
}

function merge(a: FieldMask, b: FieldMask): FieldMask {
  const out: FieldMask = new Map(a);
  for (const [k, v] of b) {
    const prev = out.get(k);
    out.set(k, prev instanceof Map && v instanceof Map ? merge(prev, v) : prev === true ? true : v);
  }
  return out;
}

export function parseFields(text: string): FieldMask {
  return new FieldParser(text.replace(/\s+/g, '')).parse();
}

export function applyFields(value: unknown, mask: FieldMask): unknown {
  if (Array.isArray(value)) return value.map((v) => applyFields(v, mask));
  if (value === null || typeof value !== 'object') return value;
  if (mask.get('*') === true) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    if (!(key in value)) continue;
    const v = (value as Record<string, unknown>)[key];
    out[key] = sub === true ? v : applyFields(v, sub);
  }
  return out;
}
