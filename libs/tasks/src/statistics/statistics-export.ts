import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Language } from '@dondoc/common';
import { neutraliseCsvCell } from '@dondoc/tabular';
import type { StatisticsDto, StatisticsRowDto } from './statistics.dto';

type Cell = string | number | null;

interface Column {
  vi: string;
  en: string;
  value: (row: StatisticsRowDto, language: Language) => Cell;
}

const BASIS = { original: { vi: 'hạn ban đầu', en: 'original due' }, current: { vi: 'hạn hiện hành', en: 'current due' } } as const;

/** The report's columns: the figures of a row, Vietnamese headers first, English second. */
export function statisticsColumns(stats: StatisticsDto): Column[] {
  const yesNo = (b: boolean, language: Language): string => (language === 'en' ? (b ? 'Yes' : 'No') : b ? 'Có' : 'Không');
  const levels = [...new Set([stats.totals, ...stats.rows].flatMap((r) => Object.keys(r.escalations)))].sort((a, b) => Number(a) - Number(b));
  const perBasis = (basis: 'original' | 'current'): Column[] => {
    const b = BASIS[basis];
    return [
      { vi: `Hoàn thành đúng hạn (${b.vi})`, en: `Done on time (${b.en})`, value: (r) => r[basis].doneOnTime },
      { vi: `Hoàn thành quá hạn (${b.vi})`, en: `Done late (${b.en})`, value: (r) => r[basis].doneLate },
      { vi: `Đang thực hiện trong hạn (${b.vi})`, en: `In progress within deadline (${b.en})`, value: (r) => r[basis].inProgressWithinDeadline },
      { vi: `Quá hạn chưa hoàn thành (${b.vi})`, en: `Overdue, not done (${b.en})`, value: (r) => r[basis].overdue },
      { vi: `Đã đến hạn (${b.vi})`, en: `Already due (${b.en})`, value: (r) => r[basis].alreadyDue },
      { vi: `% đúng hạn trên tổng số (${b.vi})`, en: `% on time of all (${b.en})`, value: (r) => r[basis].percentOfAll.doneOnTime },
      { vi: `% quá hạn trên tổng số (${b.vi})`, en: `% overdue of all (${b.en})`, value: (r) => r[basis].percentOfAll.overdue },
      { vi: `% đúng hạn trên số đã đến hạn (${b.vi})`, en: `% on time of already due (${b.en})`, value: (r) => r[basis].percentOfDue.doneOnTime },
      { vi: `% quá hạn trên số đã đến hạn (${b.vi})`, en: `% overdue of already due (${b.en})`, value: (r) => r[basis].percentOfDue.overdue },
      { vi: `Số ngày làm việc chậm bình quân (${b.vi})`, en: `Average working days late (${b.en})`, value: (r) => r.daysLate[basis].average },
      { vi: `Số ngày làm việc chậm tối đa (${b.vi})`, en: `Maximum working days late (${b.en})`, value: (r) => r.daysLate[basis].maximum },
    ];
  };
  return [
    { vi: 'Đơn vị / nhóm', en: 'Unit / group', value: (r) => r.label },
    { vi: 'Gồm các đơn vị trực thuộc', en: 'Includes the units below', value: (r, language) => yesNo(r.rollsUp, language) },
    { vi: 'Số đơn vị', en: 'Units', value: (r) => r.unitCount },
    { vi: 'Tổng số nhiệm vụ', en: 'Tasks', value: (r) => r.total },
    { vi: 'Nhiệm vụ trọng tâm', en: 'Key tasks', value: (r) => r.key },
    ...perBasis('original'),
    ...perBasis('current'),
    { vi: 'Sắp đến hạn', en: 'Due soon', value: (r) => r.dueSoon },
    { vi: 'Chưa tiếp nhận', en: 'Not acknowledged', value: (r) => r.notAcknowledged },
    { vi: 'Đã hủy (không tính)', en: 'Cancelled (not counted)', value: (r) => r.cancelled },
    ...levels.map((level): Column => ({ vi: `Báo cáo vượt cấp mức ${level}`, en: `Escalated to level ${level}`, value: (r) => r.escalations[level] ?? 0 })),
    { vi: 'Số lần gia hạn', en: 'Extensions', value: (r) => r.extensions.count },
    { vi: 'Số ngày làm việc được gia hạn', en: 'Working days granted', value: (r) => r.extensions.workingDaysGranted },
    { vi: 'Yêu cầu giải trình', en: 'Explanations requested', value: (r) => r.explanations.requested },
    { vi: 'Đã giải trình', en: 'Explanations answered', value: (r) => r.explanations.answered },
    { vi: 'Chưa giải trình', en: 'Explanations unanswered', value: (r) => r.explanations.unanswered },
    { vi: 'Giải trình quá hạn', en: 'Explanations late', value: (r) => r.explanations.late },
    { vi: 'Minh chứng bị trả lại', en: 'Evidence rejections', value: (r) => r.evidenceRejections },
    { vi: 'Người dùng thực: kiểm chứng', en: 'Real users: verified', value: (r) => r.realUsers.verified },
    { vi: 'Người dùng thực: xác nhận của người đứng đầu', en: 'Real users: attested', value: (r) => r.realUsers.attested },
    { vi: 'Suy giảm sau hoàn thành', en: 'Regressed after completion', value: (r) => r.regressed },
    { vi: 'Ngày làm việc gây vướng mắc', en: 'Blocked working days caused', value: (r) => r.blockedDays.caused },
    { vi: 'Ngày làm việc bị vướng mắc', en: 'Blocked working days suffered', value: (r) => r.blockedDays.suffered },
  ];
}

const TIME = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' });

/** The report's heading lines: title, cut-off time (Asia/Ho_Chi_Minh), scope, grouping. */
export function statisticsHeading(stats: StatisticsDto, language: Language): string[] {
  const cutOff = `${TIME.format(new Date(stats.asOf))} (GMT+7)`;
  const groupBy: Record<string, { vi: string; en: string }> = {
    unit: { vi: 'đơn vị', en: 'unit' },
    head: { vi: 'người đứng đầu', en: 'head' },
    program: { vi: 'chương trình', en: 'programme' },
    template: { vi: 'mẫu nhiệm vụ', en: 'template' },
    level: { vi: 'cấp đơn vị', en: 'unit level' },
    assigner: { vi: 'người giao', en: 'assigner' },
  };
  return language === 'en'
    ? ['REPORT ON THE PERFORMANCE OF ASSIGNED TASKS', `Cut-off: ${cutOff}`, `Scope: ${stats.scope}`, `By ${groupBy[stats.groupBy].en}`]
    : ['BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO', `Thời điểm chốt số liệu: ${cutOff}`, `Phạm vi: ${stats.scope}`, `Theo ${groupBy[stats.groupBy].vi}`];
}

/** The file name: what and when, nothing about whom. */
export function statisticsFileName(stats: StatisticsDto, format: 'xlsx' | 'csv'): string {
  const date = new Date(Date.parse(stats.asOf) + 7 * 3_600_000).toISOString().slice(0, 10);
  return `thong-ke-nhiem-vu-${date}.${format}`;
}

/**
 * The statistics as an official report: heading lines, a blank line, the header row, one row per
 * group, the totals row. XLSX is written by exceljs's streaming writer (rows committed as they
 * go); CSV is UTF-8 with a BOM, text that would run as a formula neutralised.
 */
export function writeStatistics(stats: StatisticsDto, format: 'xlsx' | 'csv', language: Language): Readable {
  const columns = statisticsColumns(stats);
  const header = columns.map((c) => c[language]);
  const lines = [...stats.rows, stats.totals].map((row) => columns.map((c) => c.value(row, language)));
  const out = new PassThrough();
  if (format === 'csv') {
    const heading = statisticsHeading(stats, language).map((line) => [line]);
    const body = stringify([...heading, [], header, ...lines].map((cells) => cells.map((cell) => neutraliseCsvCell(cell ?? ''))));
    out.end(Buffer.from(`\uFEFF${body}`, 'utf8'));
    return out;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(language === 'en' ? 'Statistics' : 'Thong ke');
  sheet.columns = columns.map((c, i) => ({ key: String(i), width: i === 0 ? 40 : Math.min(Math.max(12, c[language].length / 2), 30) }));
  const write = async () => {
    statisticsHeading(stats, language).forEach((line, i) => {
      const row = sheet.addRow([line]);
      if (i === 0) row.font = { bold: true, size: 14 };
      row.commit();
    });
    sheet.addRow([]).commit();
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle' };
    head.commit();
    lines.forEach((cells, i) => {
      const row = sheet.addRow(cells);
      if (i === lines.length - 1) row.font = { bold: true };
      row.commit();
    });
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}
