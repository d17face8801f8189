import ExcelJS from 'exceljs';
import type { Language } from '@dondoc/common';
import type { StatisticsDto, StatisticsRowDto } from '../statistics/statistics.dto';
import { statisticsColumns } from '../statistics/statistics-export';
import type { BriefingChangesDto, BriefingDto, BriefingFiguresDto, NextActionKind } from './briefing.dto';
import type { ChangeKey } from './briefing-content';

type Cell = string | number | null;
type Text = { vi: string; en: string };

const TIME = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' });
const time = (iso: string | null): string => (iso ? `${TIME.format(new Date(iso))}` : '');

/** The sheets, Vietnamese first; names without diacritics, as the statistics report's. */
const SHEETS: Record<'summary' | 'changes' | 'units' | 'overdue' | 'decisions' | 'heads', Text> = {
  summary: { vi: 'Tong hop', en: 'Summary' },
  changes: { vi: 'Thay doi trong tuan', en: 'Changes' },
  units: { vi: 'Theo don vi', en: 'By unit' },
  overdue: { vi: 'Qua han nhieu nhat', en: 'Most overdue' },
  decisions: { vi: 'Cho quyet dinh', en: 'Decisions waiting' },
  heads: { vi: 'Nguoi dung dau', en: 'Heads' },
};

/** The week's changes as columns. */
export const CHANGE_COLUMNS: { key: ChangeKey; vi: string; en: string }[] = [
  { key: 'newTasks', vi: 'Nhiệm vụ mới giao', en: 'New tasks' },
  { key: 'completedOnTime', vi: 'Hoàn thành đúng hạn', en: 'Completed on time' },
  { key: 'completedLate', vi: 'Hoàn thành quá hạn', en: 'Completed late' },
  { key: 'completedLateWithinExtension', vi: 'Trong đó: trong hạn đã gia hạn', en: 'Of which within an extension' },
  { key: 'cancelled', vi: 'Đã hủy', en: 'Cancelled' },
  { key: 'newlyOverdue', vi: 'Mới quá hạn', en: 'Newly overdue' },
  { key: 'escalationsRaised', vi: 'Đề xuất báo cáo cấp trên', en: 'Escalations raised' },
  { key: 'escalationsApproved', vi: 'Báo cáo cấp trên được phê duyệt', en: 'Escalations approved' },
  { key: 'escalationsRejected', vi: 'Báo cáo cấp trên bị từ chối', en: 'Escalations rejected' },
  { key: 'extensionsRequested', vi: 'Đề nghị gia hạn', en: 'Extensions asked' },
  { key: 'extensionsGranted', vi: 'Được gia hạn', en: 'Extensions granted' },
  { key: 'extensionsRejected', vi: 'Không được gia hạn', en: 'Extensions rejected' },
  { key: 'explanationsRequested', vi: 'Yêu cầu giải trình', en: 'Explanations requested' },
  { key: 'explanationsAnswered', vi: 'Đã giải trình', en: 'Explanations answered' },
  { key: 'explanationsOverdue', vi: 'Giải trình quá hạn', en: 'Explanations overdue' },
  { key: 'explanationsUnanswered', vi: 'Chưa giải trình (tại thời điểm chốt)', en: 'Explanations unanswered (at the cut-off)' },
  { key: 'beyondAuthorityRaised', vi: 'Báo cáo vượt thẩm quyền', en: 'Matters beyond authority raised' },
  { key: 'beyondAuthorityDecided', vi: 'Vượt thẩm quyền đã quyết định', en: 'Matters beyond authority decided' },
  { key: 'evidenceRejected', vi: 'Minh chứng bị trả lại', en: 'Evidence rejected' },
  { key: 'regressions', vi: 'Suy giảm sau hoàn thành', en: 'Regressions' },
  { key: 'recoveries', vi: 'Phục hồi', en: 'Recoveries' },
  { key: 'blockersOpened', vi: 'Vướng mắc mới', en: 'Blockers opened' },
  { key: 'blockersConfirmed', vi: 'Vướng mắc được xác nhận khách quan', en: 'Blockers confirmed' },
];

/** A unit's own figures as columns. */
const FIGURE_COLUMNS: { vi: string; en: string; value: (f: BriefingFiguresDto) => number }[] = [
  { vi: 'Tổng số nhiệm vụ', en: 'Tasks', value: (f) => f.total },
  { vi: 'Hoàn thành đúng hạn (hạn ban đầu)', en: 'Done on time (original due)', value: (f) => f.original.doneOnTime },
  { vi: 'Hoàn thành quá hạn (hạn ban đầu)', en: 'Done late (original due)', value: (f) => f.original.doneLate },
  { vi: 'Đang thực hiện trong hạn (hạn ban đầu)', en: 'In progress within deadline (original due)', value: (f) => f.original.inProgressWithinDeadline },
  { vi: 'Quá hạn chưa hoàn thành (hạn ban đầu)', en: 'Overdue, not done (original due)', value: (f) => f.original.overdue },
  { vi: 'Quá hạn chưa hoàn thành (hạn hiện hành)', en: 'Overdue, not done (current due)', value: (f) => f.current.overdue },
  { vi: 'Sắp đến hạn', en: 'Due soon', value: (f) => f.dueSoon },
  { vi: 'Chưa tiếp nhận', en: 'Not acknowledged', value: (f) => f.notAcknowledged },
  { vi: 'Đã hủy (không tính)', en: 'Cancelled (not counted)', value: (f) => f.cancelled },
];

/** What a person did last, in words. */
export const EVENT_NAMES: Record<string, Text> = {
  ACKNOWLEDGED: { vi: 'Xác nhận tiếp nhận', en: 'Acknowledged' },
  PROGRESS_REPORTED: { vi: 'Báo cáo tiến độ', en: 'Progress reported' },
  EXTENSION_REQUESTED: { vi: 'Đề nghị gia hạn', en: 'Extension asked' },
  EXTENSION_APPROVED: { vi: 'Đồng ý gia hạn', en: 'Extension approved' },
  EXTENSION_REJECTED: { vi: 'Không đồng ý gia hạn', en: 'Extension rejected' },
  EXPLANATION_REQUESTED: { vi: 'Yêu cầu giải trình', en: 'Explanation requested' },
  EXPLANATION_ANSWERED: { vi: 'Giải trình', en: 'Explanation answered' },
  BEYOND_AUTHORITY_RAISED: { vi: 'Báo cáo vượt thẩm quyền', en: 'Matter beyond authority raised' },
  BEYOND_AUTHORITY_DECIDED: { vi: 'Quyết định vấn đề vượt thẩm quyền', en: 'Matter beyond authority decided' },
  ESCALATION_APPROVED: { vi: 'Phê duyệt báo cáo cấp trên', en: 'Escalation approved' },
  ESCALATION_REJECTED: { vi: 'Từ chối báo cáo cấp trên', en: 'Escalation rejected' },
  EVIDENCE_SUBMITTED: { vi: 'Nộp minh chứng', en: 'Evidence submitted' },
  EVIDENCE_REJECTED: { vi: 'Trả lại minh chứng', en: 'Evidence rejected' },
  REASSIGNED: { vi: 'Giao lại đơn vị chủ trì', en: 'Reassigned' },
  BLOCKER_DECLARED: { vi: 'Báo vướng mắc', en: 'Blocker declared' },
  BLOCKER_RESOLVED: { vi: 'Giải quyết vướng mắc', en: 'Blocker resolved' },
  BLOCKER_DECIDED: { vi: 'Quyết định về vướng mắc', en: 'Blocker decided' },
  ASSIGNED: { vi: 'Giao nhiệm vụ', en: 'Assigned' },
};

export const NEXT_NAMES: Record<NextActionKind, Text> = {
  DECIDE_ESCALATION: { vi: 'Quyết định báo cáo cấp trên', en: 'Decide the escalation' },
  DECIDE_EXTENSION: { vi: 'Quyết định gia hạn', en: 'Decide the extension' },
  DECIDE_BEYOND_AUTHORITY: { vi: 'Quyết định vấn đề vượt thẩm quyền', en: 'Decide the matter beyond authority' },
  REVIEW_EVIDENCE: { vi: 'Thẩm định minh chứng', en: 'Review the evidence' },
  DECIDE_BLOCKER: { vi: 'Quyết định về vướng mắc (lãnh đạo phụ trách cả hai đơn vị)', en: 'Decide the blocker (a leader over both units)' },
  ANSWER_EXPLANATION: { vi: 'Đơn vị giải trình', en: 'The unit answers the explanation' },
  COMPLETE: { vi: 'Đơn vị hoàn thành nhiệm vụ', en: 'The unit completes the task' },
};

const unitName = (unit: { nameVi: string; nameEn: string | null }, language: Language) => (language === 'en' ? (unit.nameEn ?? unit.nameVi) : unit.nameVi);

/** The heading lines of the summary sheet. */
export function briefingHeading(view: BriefingDto, language: Language): string[] {
  const en = language === 'en';
  const lines = en
    ? [
        `WEEKLY BRIEFING PACK — WEEK ${view.week}`,
        `Version ${view.version}${view.reason ? `, issued again because: ${view.reason}` : ''}`,
        `Cut-off: ${time(view.cutOff)} (GMT+7)${view.mondayOff ? ' — Monday was a day off: issued on the next working day' : ''}`,
        `Changes since: ${time(view.previousCutOff)} (GMT+7)`,
        `Issued: ${time(view.issuedAt)} (GMT+7) by ${view.issuedBy?.name ?? 'dondoc (schedule)'}`,
        `Scope: ${view.scopeText}`,
        `Content hash (SHA-256): ${view.contentHash}`,
      ]
    : [
        `TÀI LIỆU GIAO BAN TUẦN ${view.week}`,
        `Phiên bản ${view.version}${view.reason ? `, lập lại vì: ${view.reason}` : ''}`,
        `Thời điểm chốt số liệu: ${time(view.cutOff)} (GMT+7)${view.mondayOff ? ' — thứ Hai là ngày nghỉ: phát hành vào ngày làm việc kế tiếp' : ''}`,
        `Thay đổi tính từ: ${time(view.previousCutOff)} (GMT+7)`,
        `Phát hành: ${time(view.issuedAt)} (GMT+7), người lập: ${view.issuedBy?.name ?? 'dondoc (theo lịch)'}`,
        `Phạm vi: ${view.scopeText}`,
        `Mã kiểm tra nội dung (SHA-256): ${view.contentHash}`,
      ];
  return lines;
}

/** The file name: the week and version, nothing about whom. */
export function briefingFileName(view: Pick<BriefingDto, 'week' | 'version'>, extension: 'xlsx' | 'pdf' = 'xlsx'): string {
  return `giao-ban-${view.week}-v${view.version}.${extension}`;
}

/**
 * The pack as a workbook, in the reader's language (Vietnamese headers by default): the summary
 * (heading and the official statistic set per first-level unit), the week's changes, each lead
 * unit's figures and changes, the most overdue tasks, the decisions waiting and the heads. Cells
 * are values (exceljs writes text as strings, never formulas).
 */
export async function writeBriefing(view: BriefingDto, language: Language): Promise<Buffer> {
  const en = language === 'en';
  const t = (text: Text) => text[language];
  const content = view.content;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dondoc';
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'middle' };
  };
  const table = (sheet: ExcelJS.Worksheet, header: string[], rows: Cell[][], widths: number[]) => {
    sheet.columns = header.map((_, i) => ({ width: widths[i] ?? 14 }));
    bold(sheet.addRow(header));
    for (const cells of rows) sheet.addRow(cells);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  };

  // Summary: heading, then the official statistic set.
  const summary = workbook.addWorksheet(t(SHEETS.summary));
  briefingHeading(view, language).forEach((line, i) => {
    const row = summary.addRow([line]);
    if (i === 0) row.font = { bold: true, size: 14 };
  });
  summary.addRow([]);
  const statRows: StatisticsRowDto[] = [...content.statistics.firstLevel, ...(content.statistics.totals ? [content.statistics.totals] : [])];
  if (statRows.length > 0) {
    const columns = statisticsColumns({ rows: statRows, totals: statRows[statRows.length - 1] } as StatisticsDto);
    bold(summary.addRow(columns.map((c) => c[language])));
    for (const row of statRows) summary.addRow(columns.map((c) => c.value(row, language)));
    if (content.statistics.totals) summary.lastRow!.font = { bold: true };
  }
  if (view.scope === 'part') {
    summary.addRow([]);
    summary.addRow([en ? 'Your units (their own tasks)' : 'Các đơn vị trong phạm vi của đồng chí (nhiệm vụ do đơn vị chủ trì)']).font = { bold: true };
    const s = view.scopeTotals;
    bold(
      summary.addRow(
        en
          ? ['Tasks', 'Done on time (original due)', 'Done late (original due)', 'In progress within deadline (original due)', 'Overdue (original due)', 'Overdue (current due)']
          : ['Tổng số nhiệm vụ', 'Hoàn thành đúng hạn (hạn ban đầu)', 'Hoàn thành quá hạn (hạn ban đầu)', 'Đang thực hiện trong hạn (hạn ban đầu)', 'Quá hạn (hạn ban đầu)', 'Quá hạn (hạn hiện hành)'],
      ),
    );
    summary.addRow([s.total, s.original.doneOnTime, s.original.doneLate, s.original.inProgressWithinDeadline, s.original.overdue, s.current.overdue]);
  }
  summary.getColumn(1).width = 45;

  // The week's changes per first-level unit, and the total.
  const changeHeader = [en ? 'Unit' : 'Đơn vị', ...CHANGE_COLUMNS.map((c) => c[language])];
  const changeCells = (changes: BriefingChangesDto) => CHANGE_COLUMNS.map((c) => changes[c.key]);
  const ownSuffix = en ? ' (leading itself)' : ' (trực tiếp chủ trì)';
  table(
    workbook.addWorksheet(t(SHEETS.changes)),
    changeHeader,
    [
      ...content.changes.firstLevel.map((row) => [`${unitName(row.unit, language)}${row.rollsUp ? '' : ownSuffix}`, ...changeCells(row.changes)]),
      [content.changes.totals ? (en ? 'Total' : 'Tổng cộng') : en ? 'Your units' : 'Phạm vi của đồng chí', ...changeCells(content.changes.totals ?? view.scopeTotals.changes)],
    ],
    [40],
  );

  // Each lead unit's own tasks.
  table(
    workbook.addWorksheet(t(SHEETS.units)),
    [en ? 'Code' : 'Mã đơn vị', en ? 'Unit' : 'Đơn vị', ...FIGURE_COLUMNS.map((c) => c[language]), ...CHANGE_COLUMNS.map((c) => `${c[language]} ${en ? '(week)' : '(trong tuần)'}`)],
    content.units.map((line) => [line.unit.code, unitName(line.unit, language), ...FIGURE_COLUMNS.map((c) => c.value(line.figures)), ...changeCells(line.changes)]),
    [16, 40],
  );

  // The most overdue tasks.
  table(
    workbook.addWorksheet(t(SHEETS.overdue)),
    en
      ? ['Rank', 'Code', 'Task', 'Lead unit', 'Head', 'Due (current)', 'Working days late', 'Working days late (original due)', 'Last action', 'Last action at', 'Last action by', 'Who must act next', 'Named', 'Waiting since']
      : ['STT', 'Mã nhiệm vụ', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Người đứng đầu', 'Hạn hiện hành', 'Số ngày làm việc chậm', 'Số ngày làm việc chậm (hạn ban đầu)', 'Thao tác gần nhất', 'Thời điểm', 'Người thực hiện', 'Việc cần làm tiếp', 'Người phải làm', 'Chờ từ'],
    content.mostOverdue.map((task) => [
      task.rank,
      task.code,
      task.title,
      unitName(task.unit, language),
      task.head?.name ?? '',
      time(task.dueAt),
      task.daysLate,
      task.daysLateOriginal,
      task.lastAction ? (EVENT_NAMES[task.lastAction.type]?.[language] ?? task.lastAction.type) : en ? 'None since assignment' : 'Chưa có từ khi giao',
      time(task.lastAction?.at ?? null),
      task.lastAction?.by?.name ?? '',
      t(NEXT_NAMES[task.nextAction.kind]),
      task.nextAction.people.map((p) => p.name).join('; '),
      time(task.nextAction.since),
    ]),
    [6, 16, 40, 30, 26, 18, 10, 10, 26, 18, 24, 34, 34, 18],
  );

  // Decisions waiting for the standing members.
  table(
    workbook.addWorksheet(t(SHEETS.decisions)),
    en
      ? ['Kind', 'Request', 'Task code', 'Task', 'Lead unit', 'Raised at', 'Raised by', 'Level', 'Reason', 'Who decides', 'Working days waiting']
      : ['Loại', 'Mã yêu cầu', 'Mã nhiệm vụ', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Thời điểm đề nghị', 'Người đề nghị', 'Mức', 'Lý do', 'Người quyết định', 'Số ngày làm việc chờ'],
    content.decisions.map((d) => [
      d.kind === 'escalation' ? (en ? 'Escalation to the standing members' : 'Báo cáo Thường trực Ban Chỉ đạo') : en ? 'Beyond authority' : 'Vượt thẩm quyền',
      d.requestId,
      d.taskCode,
      d.taskTitle,
      unitName(d.unit, language),
      time(d.requestedAt),
      d.requestedBy?.name ?? 'dondoc',
      d.level,
      d.reason,
      d.deciders.map((p) => p.name).join('; '),
      d.waitingWorkingDays,
    ]),
    [30, 10, 16, 40, 30, 18, 24, 8, 40, 34, 10],
  );

  // Heads with the most overdue tasks.
  table(
    workbook.addWorksheet(t(SHEETS.heads)),
    en
      ? ['Rank', 'Head', 'Email', 'Unit', 'Overdue (current due)', 'Overdue (original due)', 'Tasks', 'Most working days late']
      : ['STT', 'Người đứng đầu', 'Email', 'Đơn vị', 'Quá hạn (hạn hiện hành)', 'Quá hạn (hạn ban đầu)', 'Tổng số nhiệm vụ', 'Số ngày làm việc chậm nhiều nhất'],
    content.heads.map((h, i) => [i + 1, h.person.name, h.person.email, h.unit ? unitName(h.unit, language) : '', h.overdue, h.overdueOriginal, h.total, h.maxDaysLate]),
    [6, 30, 30, 34, 12, 12, 10, 12],
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
