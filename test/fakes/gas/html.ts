/** HtmlService: HtmlOutput, HtmlTemplate with scriptlets (<? ?>, <?= ?>, <?!= ?>). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { raw } from './counting';
import { enumName, SandboxMode, XFrameOptionsMode } from './enums';
import type { Runtime } from './runtime';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class HtmlOutputImpl {
  _title = '';
  _width: number | null = null;
  _height: number | null = null;
  _sandbox = 'IFRAME';
  _xframe = 'DEFAULT';
  _favicon: string | null = null;
  _metaTags: { name: string; content: string }[] = [];

  constructor(public _content: string) {}

  append(addedContent: string): this {
    this._content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): this {
    this._content += escapeHtml(String(addedContent));
    return this;
  }
  clear(): this {
    this._content = '';
    return this;
  }
  getContent(): string {
    return this._content;
  }
  setContent(content: string): this {
    this._content = String(content);
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setTitle(title: string): this {
    this._title = String(title);
    return this;
  }
  getWidth(): number | null {
    return this._width;
  }
  setWidth(width: number): this {
    this._width = width;
    return this;
  }
  getHeight(): number | null {
    return this._height;
  }
  setHeight(height: number): this {
    this._height = height;
    return this;
  }
  setSandboxMode(mode: unknown): this {
    this._sandbox = enumName(mode) ?? 'IFRAME';
    return this;
  }
  setXFrameOptionsMode(mode: unknown): this {
    this._xframe = enumName(mode) ?? 'DEFAULT';
    return this;
  }
  setFaviconUrl(url: string): this {
    this._favicon = url;
    return this;
  }
  getFaviconUrl(): string | null {
    return this._favicon;
  }
  addMetaTag(name: string, content: string): this {
    this._metaTags.push({ name, content });
    return this;
  }
  getMetaTags(): { getName(): string; getContent(): string }[] {
    return this._metaTags.map((m) => ({ getName: () => m.name, getContent: () => m.content }));
  }
}

type Chunk = { kind: 'text' | 'print' | 'raw' | 'code'; text: string };

function parseScriptlets(source: string): Chunk[] {
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    if (open < 0) {
      chunks.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) chunks.push({ kind: 'text', text: source.slice(i, open) });
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw new Error('Unterminated scriptlet (<? without ?>) in template.');
    let body = source.slice(open + 2, close);
    let kind: Chunk['kind'] = 'code';
    if (body.startsWith('!=')) {
      kind = 'raw';
      body = body.slice(2);
    } else if (body.startsWith('=')) {
      kind = 'print';
      body = body.slice(1);
    }
    chunks.push({ kind, text: body });
    i = close + 2;
  }
  return chunks;
}

/** JavaScript source of a function (data, esc, str) => html evaluating the template. */
export function compileTemplate(source: string): string {
  const lines = parseScriptlets(source).map((c) => {
    switch (c.kind) {
      case 'text':
        return `__out.push(${JSON.stringify(c.text)});`;
      case 'print':
        return `__out.push(__esc(${c.text}));`;
      case 'raw':
        return `__out.push(__str(${c.text}));`;
      default:
        return `${c.text}\n`;
    }
  });
  return `(function (__data, __esc, __str) { var __out = []; with (__data) {\n${lines.join('\n')}\n} return __out.join(''); })`;
}

export class HtmlTemplateImpl {
  [key: string]: unknown;

  constructor(
    readonly _rt: Runtime,
    readonly _source: string,
    readonly _context: () => vm.Context | null,
  ) {}

  getRawContent(): string {
    return this._source;
  }
  getCode(): string {
    return compileTemplate(this._source);
  }
  getCodeWithComments(): string {
    return compileTemplate(this._source);
  }
  evaluate(): HtmlOutputImpl {
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (!k.startsWith('_')) data[k] = v;
    const code = compileTemplate(this._source);
    const context = this._context();
    const fn = (context ? vm.runInContext(code, context) : vm.runInThisContext(code)) as (
      data: object,
      esc: (v: unknown) => string,
      str: (v: unknown) => string,
    ) => string;
    const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    const html = fn(data, (v) => escapeHtml(str(v)), str);
    return this._rt.wrap('HtmlOutput', new HtmlOutputImpl(html));
  }
}

export class HtmlServiceImpl {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    readonly _rt: Runtime,
    readonly _htmlDir: string,
    readonly _context: () => vm.Context | null,
  ) {}

  _read(filename: unknown): string {
    if (typeof filename !== 'string')
      return this._rt.signatureError('HtmlService.createHtmlOutputFromFile', [filename]);
    const base = filename.replace(/\.html$/, '');
    const path = join(this._htmlDir, `${base}.html`);
    if (!existsSync(path)) this._rt.fail(`No HTML file named ${base} was found.`);
    return readFileSync(path, 'utf8');
  }

  createHtmlOutput(html?: unknown): HtmlOutputImpl {
    const r = raw(html);
    const content = r === undefined ? '' : r instanceof HtmlOutputImpl ? r._content : String(r);
    return this._rt.wrap('HtmlOutput', new HtmlOutputImpl(content));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutputImpl {
    return this._rt.wrap('HtmlOutput', new HtmlOutputImpl(this._read(filename)));
  }
  createTemplate(html: string): HtmlTemplateImpl {
    return this._rt.wrap('HtmlTemplate', new HtmlTemplateImpl(this._rt, String(html), this._context));
  }
  createTemplateFromFile(filename: string): HtmlTemplateImpl {
    return this._rt.wrap('HtmlTemplate', new HtmlTemplateImpl(this._rt, this._read(filename), this._context));
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (fake Apps Script)';
  }
}
