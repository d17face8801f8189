import ExcelJS from 'exceljs';
import type { StatisticsRowDto } from '../statistics/statistics.dto';
import { stateCounts } from '../statistics/statistics.service';
import type { BriefingDto } from './briefing.dto';
import { emptyChanges, emptyFigures, scopeTotalsOf } from './briefing-content';
import { briefingFileName, writeBriefing } from './briefing-export';

const unit = { id: '11111111-1111-4111-8111-111111111111', code: 'HN', nameVi: 'Thành phố Hà Nội', nameEn: 'Hanoi', level: 'province' as const };
const head = { id: '22222222-2222-4222-8222-222222222222', name: 'Chủ tịch UBND Hà Nội', email: 'chu.tich@hanoi.gov.vn' };

function row(label: string, total: number, overdue: number): StatisticsRowDto {
  const counts = stateCounts(total, { DONE_ON_TIME: total - overdue, OVERDUE: overdue }, { DONE_ON_TIME: total - overdue, OVERDUE: overdue });
  return {
    group: unit.id,
    label,
    unit,
    rollsUp: true,
    unitCount: 3,
    total,
    key: 0,
    cancelled: 0,
    original: counts,
    current: counts,
    dueSoon: 0,
    notAcknowledged: 0,
    daysLate: { original: { average: 5, maximum: 7 }, current: { average: 5, maximum: 7 } },
    escalations: { '1': overdue },
    extensions: { count: 0, workingDaysGranted: 0 },
    explanations: { requested: 0, answered: 0, unanswered: 0, late: 0 },
    evidenceRejections: 0,
    realUsers: { verified: 0, attested: 0 },
    regressed: 0,
    blockedDays: { caused: 0, suffered: 0 },
    drillDown: null,
  };
}

function briefing(scope: 'all' | 'part'): BriefingDto {
  const units = [{ unit, firstLevelUnitId: unit.id, figures: { ...emptyFigures(), total: 3, original: { doneOnTime: 1, doneLate: 0, inProgressWithinDeadline: 0, overdue: 2, doneOnTimeDue: 1 }, current: { doneOnTime: 1, doneLate: 0, inProgressWithinDeadline: 0, overdue: 2, doneOnTimeDue: 1 } }, changes: { ...emptyChanges(), newTasks: 2, newlyOverdue: 1 } }];
  return {
    id: '33333333-3333-4333-8333-333333333333',
    week: '2026-W18',
    version: 2,
    weekStart: '2026-04-26T17:00:00.000Z',
    cutOff: '2026-04-28T01:00:00.000Z',
    previousCutOff: '2026-04-20T01:00:00.000Z',
    issuedAt: '2026-05-02T03:00:00.000Z',
    issuedBy: { id: '44444444-4444-4444-8444-444444444444', name: 'Thư ký Ban Chỉ đạo', email: 'thu.ky@bcd.gov.vn' },
    reason: 'Bổ sung số liệu',
    contentHash: 'a'.repeat(64),
    mondayOff: true,
    scope,
    scopeText: scope === 'all' ? 'Toàn bộ các đơn vị' : 'Các đơn vị trong phạm vi của đồng chí',
    scopeTotals: scopeTotalsOf(units),
    content: {
      schemaVersion: 1,
      week: '2026-W18',
      weekStart: '2026-04-26T17:00:00.000Z',
      cutOff: '2026-04-28T01:00:00.000Z',
      previousCutOff: '2026-04-20T01:00:00.000Z',
      mondayOff: true,
      statistics: { totals: scope === 'all' ? row('Tổng cộng', 3, 2) : null, firstLevel: [row('Thành phố Hà Nội', 3, 2)] },
      changes: { totals: scope === 'all' ? { ...emptyChanges(), newTasks: 2, newlyOverdue: 1 } : null, firstLevel: [{ unit, rollsUp: true, changes: { ...emptyChanges(), newTasks: 2, newlyOverdue: 1 } }] },
      units,
      mostOverdueLimit: 20,
      mostOverdue: [
        {
          rank: 1,
          id: '55555555-5555-4555-8555-555555555555',
          code: 'NV-001',
          title: '=HYPERLINK("http://x") Cổng dịch vụ công',
          unit,
          head,
          dueAt: '2026-04-15T10:00:00.000Z',
          daysLate: 7,
          daysLateOriginal: 9,
          lastAction: { type: 'EXTENSION_REQUESTED', at: '2026-04-20T03:00:00.000Z', by: head },
          nextAction: { kind: 'DECIDE_EXTENSION', requestId: 'E5', since: '2026-04-20T03:00:00.000Z', people: [{ id: 'x', name: 'Thư ký Ban Chỉ đạo', email: 'thu.ky@bcd.gov.vn' }] },
        },
      ],
      decisions: [
        {
          kind: 'beyondAuthority',
          requestId: 'B4',
          requestedAt: '2026-04-21T03:00:00.000Z',
          requestedBy: head,
          level: null,
          reason: 'Cần cơ chế đặc thù',
          deciders: [],
          waitingWorkingDays: 4,
          taskId: '55555555-5555-4555-8555-555555555555',
          taskCode: 'NV-001',
          taskTitle: 'Cổng dịch vụ công',
          unit,
        },
      ],
      heads: [{ person: head, unit, overdue: 2, overdueOriginal: 2, total: 3, maxDaysLate: 7 }],
    },
  };
}

async function read(buffer: Buffer): Promise<Map<string, (string | number | null)[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return new Map(workbook.worksheets.map((sheet) => [sheet.name, sheet.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1).map((v) => (v === undefined ? null : (v as string | number))) : []))]));
}

describe(writeBriefing.name, () => {
  it('writes every part of the pack on its own sheet, in Vietnamese by default, and reads back cell for cell', async () => {
    const sheets = await read(await writeBriefing(briefing('all'), 'vi'));
    expect([...sheets.keys()]).toEqual(['Tong hop', 'Thay doi trong tuan', 'Theo don vi', 'Qua han nhieu nhat', 'Cho quyet dinh', 'Nguoi dung dau']);
    const summary = sheets.get('Tong hop')!;
    expect(summary[0][0]).toBe('TÀI LIỆU GIAO BAN TUẦN 2026-W18');
    expect(summary[1][0]).toBe('Phiên bản 2, lập lại vì: Bổ sung số liệu');
    expect(summary[2][0]).toBe('Thời điểm chốt số liệu: 08:00 28/04/2026 (GMT+7) — thứ Hai là ngày nghỉ: phát hành vào ngày làm việc kế tiếp');
    const header = summary[8];
    expect(header.slice(0, 4)).toEqual(['Đơn vị / nhóm', 'Gồm các đơn vị trực thuộc', 'Số đơn vị', 'Tổng số nhiệm vụ']);
    expect(summary[9].slice(0, 4)).toEqual(['Thành phố Hà Nội', 'Có', 3, 3]);
    expect(summary[10][0]).toBe('Tổng cộng');
    const changes = sheets.get('Thay doi trong tuan')!;
    expect(changes[0].slice(0, 3)).toEqual(['Đơn vị', 'Nhiệm vụ mới giao', 'Hoàn thành đúng hạn']);
    expect(changes[2].slice(0, 2)).toEqual(['Tổng cộng', 2]);
    const overdue = sheets.get('Qua han nhieu nhat')!;
    // Text that looks like a formula stays text.
    expect(overdue[1].slice(0, 8)).toEqual([1, 'NV-001', '=HYPERLINK("http://x") Cổng dịch vụ công', 'Thành phố Hà Nội', 'Chủ tịch UBND Hà Nội', '17:00 15/04/2026', 7, 9]);
    expect(overdue[1].slice(8, 12)).toEqual(['Đề nghị gia hạn', '10:00 20/04/2026', 'Chủ tịch UBND Hà Nội', 'Quyết định gia hạn']);
    expect(sheets.get('Cho quyet dinh')![1].slice(0, 3)).toEqual(['Vượt thẩm quyền', 'B4', 'NV-001']);
    expect(sheets.get('Nguoi dung dau')![1]).toEqual([1, 'Chủ tịch UBND Hà Nội', 'chu.tich@hanoi.gov.vn', 'Thành phố Hà Nội', 2, 2, 3, 7]);
    expect(briefingFileName(briefing('all'))).toBe('giao-ban-2026-W18-v2.xlsx');
  });

  it('writes English headers with lang=en, and a reader’s part with their units’ totals instead of the whole scope’s', async () => {
    const sheets = await read(await writeBriefing(briefing('part'), 'en'));
    expect([...sheets.keys()]).toEqual(['Summary', 'Changes', 'By unit', 'Most overdue', 'Decisions waiting', 'Heads']);
    const summary = sheets.get('Summary')!;
    expect(summary[0][0]).toBe('WEEKLY BRIEFING PACK — WEEK 2026-W18');
    expect(summary.flat()).not.toContain('Total');
    expect(summary.flat()).toContain('Your units (their own tasks)');
    expect(sheets.get('Changes')![2].slice(0, 2)).toEqual(['Your units', 2]);
    expect(sheets.get('Most overdue')![0].slice(0, 3)).toEqual(['Rank', 'Code', 'Task']);
    expect(sheets.get('By unit')![1].slice(0, 3)).toEqual(['HN', 'Hanoi', 3]);
  });
});
