import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; image?: string; altText?: string };
  completionEvents?: string[];
}
interface Manifest {
  contributes: { commands: Array<{ command: string }>; walkthroughs: Array<{ id: string; steps: Step[] }> };
}

describe('manifest: the Get Started walkthrough', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const walkthrough = manifest.contributes.walkthroughs?.[0];
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');

  it('has the four steps: connect, status bar, lint and fix, dashboard', () => {
    assert.equal(walkthrough?.id, 'headroom.gettingStarted');
    assert.deepEqual(
      walkthrough?.steps.map((s) => s.id),
      ['connect', 'statusBar', 'lint', 'dashboard'],
    );
  });

  it('every step has an image from media/ that ships in the .vsix, with alt text', () => {
    for (const step of walkthrough?.steps ?? []) {
      const file = step.media.svg ?? step.media.image ?? '';
      assert.match(file, /^media\/walkthrough\/[\w-]+\.(svg|png)$/, step.id);
      assert.ok(fs.statSync(path.join(ROOT, file)).size > 200, `${file} exists`);
      assert.ok((step.media.altText ?? '').length > 10, `${step.id} alt text`);
    }
    assert.match(shipped, /^!media\/walkthrough\/\*\*$/m);
  });

  it('every step has a button running a contributed command, and completes when it runs', () => {
    for (const step of walkthrough?.steps ?? []) {
      // A link alone on its line is rendered as a button.
      const buttons = [...step.description.matchAll(/^\[[^\]]+\]\(command:([\w.]+)\)$/gm)].map((m) => m[1]);
      assert.ok(buttons.length > 0, `${step.id} has a button`);
      for (const id of buttons) {
        assert.ok(commands.has(id as string), `${id} is contributed`);
      }
      const done = (step.completionEvents ?? []).map((e) => e.replace(/^onCommand:/, ''));
      assert.ok(
        buttons.some((id) => done.includes(id as string)),
        `${step.id} completes on its button`,
      );
    }
  });
});
