import * as assert from 'node:assert/strict';
import { GitIgnore } from '../../../src/core/files/gitignore';

describe('GitIgnore', () => {
  const cases: Array<[string, string, boolean, boolean?]> = [
    // [patterns, path, ignored, isDirectory]
    ['node_modules/', 'node_modules/x/index.js', true],
    ['node_modules/', 'a/node_modules/b.js', true],
    ['node_modules/', 'node_modules', false], // a file named like the directory pattern
    ['node_modules/', 'node_modules', true, true],
    ['*.log', 'logs/today.log', true],
    ['*.log', 'today.log.txt', false],
    ['/build', 'build/out.js', true],
    ['/build', 'src/build/out.js', false],
    ['docs/*.md', 'docs/a.md', true],
    ['docs/*.md', 'docs/sub/a.md', false],
    ['docs/*.md', 'x/docs/a.md', false],
    ['**/gen/*.ts', 'a/b/gen/x.ts', true],
    ['**/gen/*.ts', 'gen/x.ts', true],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['out/**', 'out/a/b.js', true],
    ['file?.py', 'file1.py', true],
    ['file?.py', 'file10.py', false],
    ['[abc].ts', 'b.ts', true],
    ['[!abc].ts', 'b.ts', false],
    ['[!abc].ts', 'd.ts', true],
    ['\\#hash.py', '#hash.py', true],
    ['# comment\n\n', 'comment', false],
    ['*.py\n!keep.py', 'keep.py', false],
    ['*.py\n!keep.py', 'drop.py', true],
    ['build/\n!build/keep.js', 'build/keep.js', true], // git cannot re-include inside an ignored dir
    ['dist\n', 'dist/cli.js', true],
    ['trailing   ', 'trailing', true],
  ];
  for (const [patterns, path, expected, isDir] of cases) {
    it(`${JSON.stringify(patterns)} ${expected ? 'ignores' : 'keeps'} ${path}${isDir ? '/' : ''}`, () => {
      assert.equal(new GitIgnore().add(patterns).ignores(path, isDir ?? false), expected);
    });
  }

  it('applies nested .gitignore files relative to their folder', () => {
    const ig = new GitIgnore().add('*.tmp').add('/local.ts\ncache/', 'pkg');
    assert.equal(ig.ignores('pkg/local.ts'), true);
    assert.equal(ig.ignores('local.ts'), false);
    assert.equal(ig.ignores('pkg/sub/local.ts'), false);
    assert.equal(ig.ignores('pkg/sub/cache/x.py'), true);
    assert.equal(ig.ignores('cache/x.py'), false);
    assert.equal(ig.ignores('a.tmp'), true);
  });

  it('accepts Windows separators and ./ prefixes', () => {
    const ig = new GitIgnore().add('generated/');
    assert.equal(ig.ignores('.\\generated\\a.ts'), true);
    assert.equal(ig.ignores('./generated/a.ts'), true);
  });
});
