import { describe, expect, it } from 'vitest';
import { readListParams, writeListParams } from './list-params';

const NOW = new Date('2026-12-01T06:00:00Z');
const UNIT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('the scorecard list’s URL', () => {
  it('defaults to the last finished quarter, the units, page 1', () => {
    expect(readListParams(new URLSearchParams(''), NOW)).toEqual({ quarter: '2026-Q3', kind: 'UNIT', page: 1 });
  });

  it('reads a shared link back, and ignores what it cannot use', () => {
    expect(readListParams(new URLSearchParams(`quarter=2025-Q4&kind=leader&unit=${UNIT.toUpperCase()}&page=3`), NOW)).toEqual({ quarter: '2025-Q4', kind: 'LEADER', unitId: UNIT, page: 3 });
    expect(readListParams(new URLSearchParams('quarter=2026-Q9&kind=OFFICER&unit=HN-X001&page=-2'), NOW)).toEqual({ quarter: '2026-Q3', kind: 'UNIT', page: 1 });
  });

  it('writes the quarter always and the rest only when not the default', () => {
    expect(writeListParams({ quarter: '2026-Q3', kind: 'UNIT', page: 1 }).toString()).toBe('quarter=2026-Q3');
    expect(writeListParams({ quarter: '2026-Q2', kind: 'HEAD', unitId: UNIT, page: 2 }).toString()).toBe(`quarter=2026-Q2&kind=HEAD&unit=${UNIT}&page=2`);
  });
});
