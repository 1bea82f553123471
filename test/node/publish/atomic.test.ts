import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  filesUnder,
  lockPath,
  PublishBusyError,
  publishAtomically,
  recoverInterrupted,
  tempPrefix,
} from '../../../src/node/publish/atomic';

/** `dir` is the published folder; `parent` holds it, and the lock and temporary folders beside it. */
let parent: string;
let dir: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'maillage-atomic-'));
  dir = join(parent, 'sortie');
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(dir, name), 'utf8');
/** Anything hidden inside the folder, and anything but the folder beside it. */
const leftovers = () => [
  ...readdirSync(dir).filter((n) => n.startsWith('.')),
  ...readdirSync(parent).filter((n) => n !== 'sortie'),
];

describe('publishAtomically', () => {
  it('keeps its lock and temporary files beside the folder, never inside it', async () => {
    const seen: string[][] = [];
    await publishAtomically(
      dir,
      [
        { name: 'a.json', content: '1' },
        { name: 'b.json', content: '2' },
      ],
      {
        afterWrite: () => {
          seen.push([...readdirSync(dir), ...readdirSync(parent)]);
        },
      },
    );
    expect(seen[0]).toEqual(
      expect.arrayContaining([
        'sortie',
        '.sortie.maillage.lock',
        expect.stringMatching(/^\.sortie\.maillage-tmp-/),
      ]),
    );
    expect(seen.flat().filter((n) => n.startsWith('.maillage'))).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('writes every file, in sub-folders too, and leaves nothing behind', async () => {
    const built = mkdtempSync(join(tmpdir(), 'maillage-built-'));
    const source = join(built, 'carte.js');
    writeFileSync(source, 'console.log("é");');
    function* lines() {
      for (let i = 0; i < 40_000; i++) yield `{"n":${i},"nom":"Médiathèque ${i}"}\n`;
    }
    await publishAtomically(dir, [
      { name: 'a.json', content: '{"v":1}' },
      { name: 'carte/index.html', content: '<p>carte</p>' },
      { name: 'b.csv', content: Buffer.from('x,y\r\n') },
      { name: 'carte/carte.js', content: { copyOf: source } },
      { name: 'c.geojson', content: () => lines() },
    ]);
    expect(read('a.json')).toBe('{"v":1}');
    expect(read('carte/index.html')).toBe('<p>carte</p>');
    expect(read('b.csv')).toBe('x,y\r\n');
    expect(read('carte/carte.js')).toBe('console.log("é");');
    // Text made of pieces is written in batches: every piece, in order, multi-byte letters whole.
    expect(read('c.geojson')).toBe([...lines()].join(''));
    expect(leftovers()).toEqual([]);
    rmSync(built, { recursive: true, force: true });
  });

  it('replaces old versions and leaves other files of the folder alone', async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), 'site');
    await publishAtomically(dir, [{ name: 'a.json', content: 'old' }]);
    await publishAtomically(dir, [{ name: 'a.json', content: 'new' }]);
    expect(read('a.json')).toBe('new');
    expect(read('index.html')).toBe('site');
  });

  it('leaves the previous outputs untouched when writing fails half-way', async () => {
    await publishAtomically(dir, [
      { name: 'a.json', content: 'old a' },
      { name: 'b.json', content: 'old b' },
    ]);
    let writes = 0;
    await expect(
      publishAtomically(
        dir,
        [
          { name: 'a.json', content: 'new a' },
          { name: 'b.json', content: 'new b' },
        ],
        {
          afterWrite: () => {
            if (++writes === 1) throw new Error('disque plein');
          },
        },
      ),
    ).rejects.toThrow('disque plein');
    expect(read('a.json')).toBe('old a');
    expect(read('b.json')).toBe('old b');
    expect(leftovers()).toEqual([]);
  });

  it('discards what a run killed while writing left, and finishes what a run killed while swapping left', async () => {
    await publishAtomically(dir, [
      { name: 'a.json', content: 'old a' },
      { name: 'b.json', content: 'old b' },
    ]);
    // Killed while writing: no `.complet` marker.
    mkdirSync(`${tempPrefix(dir)}1-1`);
    writeFileSync(join(`${tempPrefix(dir)}1-1`, 'a.json'), 'half');
    // Killed while swapping: marker written, a.json already moved, b.json not yet.
    mkdirSync(`${tempPrefix(dir)}2-2`);
    writeFileSync(join(`${tempPrefix(dir)}2-2`, 'b.json'), 'swapped b');
    writeFileSync(join(`${tempPrefix(dir)}2-2`, '.complet'), JSON.stringify(['a.json', 'b.json']));
    // Left inside the folder by an older version.
    mkdirSync(join(dir, '.maillage-tmp-3-3'));
    writeFileSync(join(dir, '.maillage-tmp-3-3', 'a.json'), 'half');
    expect(await recoverInterrupted(dir)).toEqual(['a.json', 'b.json']);
    expect(read('a.json')).toBe('old a');
    expect(read('b.json')).toBe('swapped b');
    expect(leftovers()).toEqual([]);
  });

  it('removes the files of an owned folder it no longer writes, only those it recognises, after the swap', async () => {
    const owned = [
      {
        folder: 'arrets',
        isOurs: (name: string, head: string) => name.endsWith('.ics') && head.startsWith('NOTRE'),
      },
    ];
    await publishAtomically(
      dir,
      [
        { name: 'arrets/a.ics', content: 'NOTRE a' },
        { name: 'arrets/b.ics', content: 'NOTRE b' },
        { name: 'c.ics', content: 'NOTRE c' },
      ],
      { owned },
    );
    // Put there by someone else: another writer's calendar, a note, a sub-folder.
    writeFileSync(join(dir, 'arrets', 'autre.ics'), 'AUTRE');
    writeFileSync(join(dir, 'arrets', 'lisez-moi.txt'), 'NOTRE mais pas un calendrier');
    mkdirSync(join(dir, 'arrets', 'sous.ics'));
    const seen: string[][] = [];
    const result = await publishAtomically(dir, [{ name: 'arrets/a.ics', content: 'NOTRE a2' }], {
      owned,
      // While the new files move into place, the obsolete one is still there.
      afterRename: () => {
        seen.push(readdirSync(join(dir, 'arrets')).sort());
      },
    });
    expect(result.removed).toEqual(['arrets/b.ics']);
    expect(seen).toEqual([['a.ics', 'autre.ics', 'b.ics', 'lisez-moi.txt', 'sous.ics']]);
    expect(readdirSync(join(dir, 'arrets')).sort()).toEqual([
      'a.ics',
      'autre.ics',
      'lisez-moi.txt',
      'sous.ics',
    ]);
    expect(read('arrets/a.ics')).toBe('NOTRE a2');
    // Outside the owned folder nothing is removed.
    expect(read('c.ics')).toBe('NOTRE c');
    expect(leftovers()).toEqual([]);
  });

  it('keeps every file when writing fails, and removes the obsolete ones when a killed swap is rolled forward', async () => {
    const owned = [{ folder: 'arrets', isOurs: () => true }];
    await publishAtomically(
      dir,
      [
        { name: 'arrets/a.ics', content: 'a' },
        { name: 'arrets/b.ics', content: 'b' },
      ],
      { owned },
    );
    await expect(
      publishAtomically(dir, [{ name: 'arrets/a.ics', content: 'a2' }], {
        owned,
        afterWrite: () => {
          throw new Error('disque plein');
        },
      }),
    ).rejects.toThrow('disque plein');
    expect(readdirSync(join(dir, 'arrets')).sort()).toEqual(['a.ics', 'b.ics']);
    // Killed while swapping: the marker names the file to remove.
    const tmp = `${tempPrefix(dir)}4-4`;
    mkdirSync(join(tmp, 'arrets'), { recursive: true });
    writeFileSync(join(tmp, 'arrets', 'a.ics'), 'a3');
    writeFileSync(
      join(tmp, '.complet'),
      JSON.stringify({ files: ['arrets/a.ics'], remove: ['arrets/b.ics'] }),
    );
    expect(await recoverInterrupted(dir)).toEqual(['arrets/a.ics']);
    expect(readdirSync(join(dir, 'arrets'))).toEqual(['a.ics']);
    expect(read('arrets/a.ics')).toBe('a3');
    expect(leftovers()).toEqual([]);
  });

  it('refuses to run beside a live publication, takes over a dead one’s lock', async () => {
    mkdirSync(dir);
    writeFileSync(lockPath(dir), `${process.ppid}\n`);
    await expect(publishAtomically(dir, [{ name: 'a.json', content: 'x' }])).rejects.toBeInstanceOf(
      PublishBusyError,
    );
    expect(existsSync(join(dir, 'a.json'))).toBe(false);
    // An older version's lock, inside the folder, is honoured too.
    writeFileSync(lockPath(dir), '999999999\n');
    writeFileSync(join(dir, '.maillage.lock'), `${process.ppid}\n`);
    await expect(publishAtomically(dir, [{ name: 'a.json', content: 'x' }])).rejects.toBeInstanceOf(
      PublishBusyError,
    );
    writeFileSync(join(dir, '.maillage.lock'), '999999999\n');
    await publishAtomically(dir, [{ name: 'a.json', content: 'x' }]);
    expect(read('a.json')).toBe('x');
    expect(leftovers()).toEqual([]);
  });

  it('refuses names that would escape the folder or hide', async () => {
    for (const name of ['../x', '/etc/x', 'a/../../x', '.cache', 'carte/.x']) {
      await expect(publishAtomically(dir, [{ name, content: 'x' }])).rejects.toThrow(/invalide/);
    }
  });

  it('lists a built folder as files to copy under a prefix', () => {
    const web = join(dir, 'web');
    mkdirSync(join(web, 'img'), { recursive: true });
    writeFileSync(join(web, 'index.html'), 'i');
    writeFileSync(join(web, 'img', 'p.svg'), 's');
    writeFileSync(join(web, '.DS_Store'), 'junk');
    expect(filesUnder(web, 'carte')).toEqual([
      { name: 'carte/img/p.svg', content: { copyOf: join(web, 'img', 'p.svg') } },
      { name: 'carte/index.html', content: { copyOf: join(web, 'index.html') } },
    ]);
    expect(filesUnder(join(dir, 'absent'), 'carte')).toEqual([]);
  });
});
