import { describe, expect, it } from 'vitest';
import { fileNameOf, timelineEntryPath } from './links';
import { localised, quarterParts } from './names';
import { formatPoints, formatShare } from './points';

describe('scorecard texts', () => {
  it('writes points as the arithmetic does: at most two decimals, with a point', () => {
    expect(formatPoints(43.91)).toBe('43.91');
    expect(formatPoints(15)).toBe('15');
    expect(formatPoints(3.125)).toBe('3.13');
    expect(formatPoints(0)).toBe('0');
    expect(formatPoints(null)).toBe('—');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatShare(0.2)).toBe('20%');
    expect(formatShare(null)).toBe('—');
  });

  it('links a timeline entry to its place on the task’s page', () => {
    expect(timelineEntryPath('b0000000-0000-4000-8000-000000000001', 4)).toBe('/tasks/b0000000-0000-4000-8000-000000000001?tab=timeline#event-4');
  });

  it('names the downloaded file as the API does', () => {
    expect(fileNameOf('attachment; filename="phieu-danh-gia-2026-Q3-unit-HN-X001-v1.xlsx"', 'x.xlsx')).toBe('phieu-danh-gia-2026-Q3-unit-HN-X001-v1.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''phi%E1%BA%BFu.xlsx", 'x.xlsx')).toBe('phiếu.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });

  it('picks the reader’s language', () => {
    expect(localised({ vi: 'hoàn thành đúng hạn', en: 'done on time' }, 'en')).toBe('done on time');
    expect(localised({ vi: 'hoàn thành đúng hạn', en: 'done on time' }, 'vi')).toBe('hoàn thành đúng hạn');
    expect(quarterParts('2026-Q3')).toEqual({ q: 3, year: 2026 });
  });
});
