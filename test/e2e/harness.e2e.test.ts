import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { checkDebianPackages, REPO_ROOT, startCodeServer } from '../harness/codeServer';
import { freePort, killGroup, spawnTracked } from '../harness/processes';

/** The harness's own failure modes: each ends with a clear message, in time, leaving nothing behind. */
describe('test harness under bad conditions', function () {
  this.timeout(60_000);

  it('names a missing Debian package and how to install it', () => {
    const saved = process.env.HEADROOM_CHROMIUM;
    process.env.HEADROOM_CHROMIUM = '/nonexistent/chromium';
    try {
      assert.throws(
        () => checkDebianPackages(),
        /Missing Debian packages:[\s\S]*chromium[\s\S]*apt-get install -y chromium/,
      );
    } finally {
      if (saved === undefined) delete process.env.HEADROOM_CHROMIUM;
      else process.env.HEADROOM_CHROMIUM = saved;
    }
  });

  it('fails fast with a clear message when the requested port is busy', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await assert.rejects(
        startCodeServer({ workspace: join(REPO_ROOT, 'test/fixtures/workspace'), port }),
        new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('ends a whole process group, children included', async () => {
    // A parent that forks a child which would outlive a plain kill of the parent.
    const parent = spawnTracked(
      process.execPath,
      [
        '-e',
        "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }); console.log('up'); setInterval(() => {}, 1000);",
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => parent.stdout?.once('data', () => resolve()));
    const pgid = parent.pid!;
    await killGroup(parent);
    // Running members of the group (zombies waiting for a reaper do not count: they run nothing).
    const running = (): string[] =>
      readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .flatMap((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            return Number(fields[2]) === pgid && fields[0] !== 'Z' ? [pid] : [];
          } catch {
            return [];
          }
        });
    const deadline = Date.now() + 5_000;
    while (running().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(running(), [], 'no process of the group is left running');
  });
});
