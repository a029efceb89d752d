import { describe, expect, it } from 'vitest';
import { lineGroups } from '../../../src/ui/views/wizard/lineGroups';
import type { Why } from '../../../src/wizard/types';

const a: Why = { text: 'a', evidence: [], sources: [] };
const b: Why = { text: 'b', evidence: [], sources: [] };

describe('reasons grouped by line range', () => {
  it('joins consecutive lines (and blank gaps) with the same reason, splits on a different one', () => {
    const lines = [{ text: 'x', why: a }, { text: 'y', why: a }, { text: '' }, { text: 'z', why: a }, { text: 'w', why: b }, { text: 'v', why: a }];
    expect(lineGroups(lines)).toEqual([
      { first: 1, last: 4, why: a },
      { first: 5, last: 5, why: b },
      { first: 6, last: 6, why: a },
    ]);
  });
});
