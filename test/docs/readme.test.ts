import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionsMarkdown } from '../../src/core/indicators/definitions';
import { ROOT } from '../helpers/workbook';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('starts with the two commands a newcomer runs', () => {
    const blocks = [...readme.matchAll(/```sh\n([^`]+)```/g)].map((m) => m[1]!.trim());
    expect(blocks[0]).toBe('npm ci && npm run publier');
    expect(blocks[1]).toBe('npm test');
  });

  it('carries the indicator definitions exactly as the report prints them', () => {
    const section = /<!-- DEFINITIONS:DEBUT -->\n([\s\S]*?)\n<!-- DEFINITIONS:FIN -->/.exec(readme)?.[1];
    expect(section?.trim()).toBe(definitionsMarkdown().trim());
  });
});
