import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  LABEL_GAP_PX,
  labelFormat,
  timeLabel,
  timeTicks,
  type TimeLabelFormat,
} from '../../../src/features/dashboard/timeTicks';

/** Label widths as a 7 px-per-character font would give. */
const width = (format: TimeLabelFormat): number => ({ hms: 8, hm: 5, date: 5 })[format] * 7;
const T0 = 1_790_000_000; // seconds

describe('dashboard time axis', () => {
  it('never places two labels closer than a label plus the gap, at any width and span', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3_000 }),
        fc.integer({ min: 1, max: 40 * 86_400 }),
        fc.integer({ min: 0, max: 86_400 }),
        (plotWidth, span, offset) => {
          const min = T0 + offset;
          const { splits, step } = timeTicks(min, min + span, plotWidth, width);
          assert.ok(splits.length >= 1);
          const pxPerSecond = plotWidth / span;
          for (let i = 1; i < splits.length; i++) {
            const apart = (splits[i]! - splits[i - 1]!) * pxPerSecond;
            assert.ok(apart >= width(labelFormat(step)) + LABEL_GAP_PX - 1e-9, `${apart}px apart`);
          }
          for (const s of splits) assert.ok(s >= min && s <= min + span);
        },
      ),
    );
  });

  it('uses fewer ticks on a narrow chart than on a wide one, and enough on a wide one', () => {
    const span = 20 * 60; // 20 minutes of history
    const narrow = timeTicks(T0, T0 + span, 240, width);
    const wide = timeTicks(T0, T0 + span, 1200, width);
    assert.ok(narrow.splits.length < wide.splits.length);
    assert.ok(narrow.splits.length >= 2, 'still some time reference');
    assert.ok(wide.splits.length >= 8);
  });

  it('labels with seconds only below a one-minute step', () => {
    assert.equal(labelFormat(30), 'hms');
    assert.equal(labelFormat(60), 'hm');
    assert.equal(labelFormat(86_400), 'date');
    const d = new Date(2026, 11, 6, 9, 5, 7);
    const s = d.getTime() / 1000;
    assert.equal(timeLabel(s, 'hms'), '09:05:07');
    assert.equal(timeLabel(s, 'hm'), '09:05');
    assert.equal(timeLabel(s, 'date'), '12/6');
  });

  it('gives one tick for an empty span', () => {
    assert.deepEqual(timeTicks(T0, T0, 800, width).splits, [T0]);
  });
});
