import * as assert from 'node:assert/strict';
import { CachedReader } from '../../../src/core/files/cachedReader';
import { PROJECT_FILE_NAMES, projectDepsFor } from '../../../src/core/fix';

/** A file system in memory that counts the reads reaching it. */
function memoryFs(files: Record<string, string>): {
  read: (p: string) => string | undefined;
  reads: string[];
} {
  const reads: string[] = [];
  return {
    reads,
    read: (p) => {
      reads.push(p);
      return files[p];
    },
  };
}

describe('CachedReader', () => {
  it('re-reads an entry older than maxAgeMs, so a change a watcher missed is seen in time', () => {
    const disk: Record<string, string> = { '/p/.prettierrc': '{}' };
    const fs = memoryFs(disk);
    let now = 1_000;
    const cache = new CachedReader(fs.read, 4096, 5_000, () => now);
    assert.equal(cache.readFile('/p/.prettierrc'), '{}');
    disk['/p/.prettierrc'] = '{ "singleQuote": true }';
    now += 5_000;
    assert.equal(cache.readFile('/p/.prettierrc'), '{}', 'still trusted at exactly maxAgeMs');
    now += 1;
    assert.equal(cache.readFile('/p/.prettierrc'), '{ "singleQuote": true }');
    assert.equal(cache.readFile('/p/.prettierrc'), '{ "singleQuote": true }');
    assert.deepEqual(fs.reads, ['/p/.prettierrc', '/p/.prettierrc']);
  });

  it('reads a path once, its absence too, until the path is invalidated', () => {
    const disk: Record<string, string> = { '/p/a': 'one' };
    const fs = memoryFs(disk);
    const cache = new CachedReader(fs.read);
    assert.equal(cache.readFile('/p/a'), 'one');
    assert.equal(cache.readFile('/p/missing'), undefined);
    assert.equal(cache.readFile('/p/a'), 'one');
    assert.equal(cache.readFile('/p/missing'), undefined);
    assert.deepEqual(fs.reads, ['/p/a', '/p/missing']);
    disk['/p/a'] = 'two';
    disk['/p/missing'] = 'now here';
    assert.equal(cache.readFile('/p/a'), 'one', 'a change nobody reported is not seen');
    cache.invalidate('/p/a');
    cache.invalidate('/p/missing');
    assert.equal(cache.readFile('/p/a'), 'two');
    assert.equal(cache.readFile('/p/missing'), 'now here');
    cache.clear();
    assert.equal(cache.size, 0);
  });

  it('keeps at most its capacity, forgetting the oldest read first', () => {
    const fs = memoryFs({});
    const cache = new CachedReader(fs.read, 3);
    for (const p of ['/a', '/b', '/c', '/d']) cache.readFile(p);
    assert.equal(cache.size, 3);
    fs.reads.length = 0;
    cache.readFile('/d');
    cache.readFile('/a');
    assert.deepEqual(fs.reads, ['/a']);
  });

  it('in front of projectDepsFor: a repeated request reads nothing; a changed .prettierrc is read again', () => {
    const disk: Record<string, string> = {
      '/w/package.json': '{"dependencies":{"p-limit":"^6"},"type":"module"}',
      '/w/.prettierrc': '{"singleQuote": false}',
    };
    const fs = memoryFs(disk);
    const cache = new CachedReader(fs.read);
    const first = projectDepsFor('/w/src/lib/a.ts', cache.readFile);
    assert.equal(first.format?.singleQuote, false);
    const lookups = fs.reads.length;
    assert.ok(lookups > 30, `the walk up reads a few dozen paths (${lookups})`);
    fs.reads.length = 0;
    assert.deepEqual(projectDepsFor('/w/src/lib/a.ts', cache.readFile), first);
    assert.deepEqual(projectDepsFor('/w/src/lib/b.ts', cache.readFile), first, 'a file of the same folder');
    assert.deepEqual(fs.reads, []);
    disk['/w/.prettierrc'] = '{"singleQuote": true}';
    cache.invalidate('/w/.prettierrc');
    assert.equal(projectDepsFor('/w/src/lib/a.ts', cache.readFile).format?.singleQuote, true);
    assert.deepEqual(fs.reads, ['/w/.prettierrc']);
  });

  it('PROJECT_FILE_NAMES names every file projectDepsFor reads (what a watcher must watch)', () => {
    const fs = memoryFs({});
    projectDepsFor('/w/src/a.ts', fs.read);
    const names = new Set(fs.reads.map((p) => p.slice(p.lastIndexOf('/') + 1)));
    assert.deepEqual(
      [...names].filter((n) => !PROJECT_FILE_NAMES.includes(n)),
      [],
    );
    assert.deepEqual(
      PROJECT_FILE_NAMES.filter((n) => !names.has(n)),
      [],
    );
  });
});
