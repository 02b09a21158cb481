import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDatedModelId, modelEntries } from '../../../src/core/modelChoices';
import { BUNDLED_MODELS } from '../../../src/core/models';

/** What `GET /v1/models` lists: dated snapshots, newest first. */
const API = [
  { id: 'claude-sonnet-4-5-20250929', displayName: 'Claude Sonnet 4.5' },
  { id: 'claude-haiku-4-5-20251001', displayName: 'Claude Haiku 4.5' },
  { id: 'claude-3-5-haiku-20241022', displayName: 'Claude Haiku 3.5' },
  { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5' },
];

describe('Choose Model: aliases first, current marked', () => {
  it('lists the family aliases before the dated ids, once each, in the API’s order', () => {
    const entries = modelEntries(API, 'claude-haiku-4-5');
    assert.deepEqual(
      entries.map((e) => [e.id, e.alias]),
      [
        ['claude-sonnet-4-5', true],
        ['claude-haiku-4-5', true],
        ['claude-3-5-haiku', true],
        ['claude-sonnet-4-5-20250929', false],
        ['claude-haiku-4-5-20251001', false],
        ['claude-3-5-haiku-20241022', false],
      ],
    );
    assert.equal(entries[0]?.displayName, 'Claude Sonnet 4.5');
  });

  it('marks exactly the current model, alias or dated', () => {
    const marked = (current: string): string[] =>
      modelEntries(API, current)
        .filter((e) => e.current)
        .map((e) => e.id);
    assert.deepEqual(marked('claude-haiku-4-5'), ['claude-haiku-4-5']);
    assert.deepEqual(marked('claude-haiku-4-5-20251001'), ['claude-haiku-4-5-20251001']);
  });

  it('lists a current model the API does not name at the top of its group', () => {
    const aliasFirst = modelEntries(API, 'claude-custom-9');
    assert.deepEqual(aliasFirst[0], { id: 'claude-custom-9', alias: true, current: true });
    const dated = modelEntries(API, 'claude-custom-9-20990101');
    const firstDated = dated.find((e) => !e.alias);
    assert.deepEqual(firstDated, { id: 'claude-custom-9-20990101', alias: false, current: true });
  });

  it('tells dated ids from aliases', () => {
    assert.equal(isDatedModelId('claude-haiku-4-5-20251001'), true);
    assert.equal(isDatedModelId('claude-haiku-4-5'), false);
    assert.equal(isDatedModelId('claude-opus-4-8'), false);
  });

  it('the bundled list is all aliases, and the setting suggests exactly those', () => {
    assert.ok(modelEntries(BUNDLED_MODELS, 'claude-haiku-4-5').every((e) => e.alias));
    const manifest = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'),
    ) as {
      contributes: {
        configuration: Array<{
          properties: Record<string, { type: string; examples?: string[]; enum?: unknown }>;
        }>;
      };
    };
    const setting = manifest.contributes.configuration
      .map((c) => c.properties['headroom.monitor.model'])
      .find(Boolean);
    assert.equal(setting?.type, 'string', 'any id is accepted');
    assert.equal(setting?.enum, undefined, 'no enum: new ids must stay valid');
    assert.deepEqual(
      setting?.examples,
      BUNDLED_MODELS.map((m) => m.id),
    );
  });
});
