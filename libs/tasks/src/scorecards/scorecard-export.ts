import ExcelJS from 'exceljs';
import { formatDateTime, type Language } from '@dondoc/common';
import type { ScorecardDto } from './scorecard.dto';

const T = {
  title: { vi: 'PHIẾU ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ', en: 'QUARTERLY SCORECARD' },
  kind: { vi: 'Đối tượng', en: 'Rated' },
  kinds: { UNIT: { vi: 'Tập thể đơn vị', en: 'Unit (collective)' }, HEAD: { vi: 'Người đứng đầu', en: 'Head of the unit' }, LEADER: { vi: 'Lãnh đạo phụ trách', en: 'Leader (units directed)' } },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  person: { vi: 'Cá nhân', en: 'Person' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  period: { vi: 'Kỳ đánh giá', en: 'Period' },
  cutOff: { vi: 'Thời điểm chốt số liệu', en: 'Cut-off' },
  version: { vi: 'Phiên bản', en: 'Version' },
  reason: { vi: 'Lý do đính chính', en: 'Reason for the correction' },
  formulaVersion: { vi: 'Phiên bản công thức', en: 'Formula version' },
  tasksDue: { vi: 'Số nhiệm vụ đến hạn trong quý', en: 'Tasks due in the quarter' },
  late: { vi: 'Số nhiệm vụ chậm (không được chấp nhận lý do)', en: 'Tasks late (not excused)' },
  part: { vi: 'Nội dung', en: 'Part' },
  points: { vi: 'Điểm', en: 'Points' },
  of: { vi: 'Điểm tối đa', en: 'Of' },
  arithmetic: { vi: 'Cách tính', en: 'Arithmetic' },
  quantity: { vi: 'Số lượng nhiệm vụ hoàn thành', en: 'Quantity (tasks done)' },
  quality: { vi: 'Chất lượng (minh chứng được chấp nhận)', en: 'Quality (accepted evidence)' },
  progress: { vi: 'Tiến độ (đúng hạn ban đầu)', en: 'Progress (on time)' },
  results: { vi: 'Cộng điểm kết quả thực hiện nhiệm vụ', en: 'Task results' },
  general: { vi: 'Điểm tiêu chí chung (người đánh giá chấm)', en: 'General points (evaluator)' },
  pending: { vi: 'chưa chấm', en: 'pending' },
  comment: { vi: 'Nhận xét của người đánh giá', en: 'Evaluator’s comment' },
  total: { vi: 'Tổng điểm', en: 'Total' },
  band: { vi: 'Xếp loại', en: 'Band' },
  capped: { vi: ' (hạ do quá 20% nhiệm vụ chậm)', en: ' (lowered: too many tasks late)' },
  hash: { vi: 'Mã băm nội dung (SHA-256)', en: 'Content hash (SHA-256)' },
  detail: { vi: 'Chi tiết theo nhiệm vụ', en: 'Per task' },
  task: { vi: 'Mã nhiệm vụ', en: 'Task code' },
  why: { vi: 'Căn cứ', en: 'Why' },
  events: { vi: 'Mục nhật ký (số thứ tự: sự kiện)', en: 'Timeline entries (seq: event)' },
} as const;

/**
 * A scorecard as an XLSX workbook: the scorecard sheet (the three lines with their arithmetic, the
 * general points, total and band, the content hash) and the per-task sheet (each task's points on
 * each line, the reason and the timeline entries behind it). Vietnamese by default, English second.
 */
export async function writeScorecard(card: ScorecardDto, language: Language): Promise<Buffer> {
  const t = (key: keyof typeof T): string => (T[key] as { vi: string; en: string })[language];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dondoc';
  const sheet = workbook.addWorksheet(language === 'en' ? 'Scorecard' : 'Phiếu đánh giá');
  sheet.columns = [{ width: 44 }, { width: 14 }, { width: 14 }, { width: 60 }];
  sheet.addRow([`${t('title')} ${card.quarter}`]).font = { bold: true, size: 13 };
  const unitName = language === 'en' ? (card.unit.nameEn ?? card.unit.nameVi) : card.unit.nameVi;
  const facts: [string, string | number][] = [
    [t('kind'), T.kinds[card.kind][language]],
    [t('unit'), `${card.unit.code} — ${unitName}`],
    ...(card.user ? ([[t('person'), card.user.name]] as [string, string][]) : []),
    [t('period'), `${formatDateTime(card.period.from, language)} – ${formatDateTime(card.period.to, language)}`],
    [t('cutOff'), formatDateTime(card.cutOff, language)],
    [t('version'), card.version],
    ...(card.reason ? ([[t('reason'), card.reason]] as [string, string][]) : []),
    [t('formulaVersion'), card.formulaVersion],
    [t('tasksDue'), card.tasksDue],
    [t('late'), card.late],
  ];
  for (const row of facts) sheet.addRow(row);
  sheet.addRow([]);
  sheet.addRow([t('part'), t('points'), t('of'), t('arithmetic')]).font = { bold: true };
  for (const part of ['quantity', 'quality', 'progress'] as const) {
    const line = card.lines[part];
    sheet.addRow([t(part), line.points, line.of, line.arithmetic]);
  }
  sheet.addRow([t('results'), card.results, card.resultsOf]).font = { bold: true };
  sheet.addRow([t('general'), card.general ?? t('pending'), card.generalOf, card.generalComment ?? '']);
  sheet.addRow([t('total'), card.total ?? `${card.results} / ${card.resultsOf} (${t('pending')})`, 100]).font = { bold: true };
  sheet.addRow([t('band'), card.bandLabel ? `${card.bandLabel[language]}${card.bandCapped ? t('capped') : ''}` : t('pending')]);
  sheet.addRow([]);
  sheet.addRow([t('hash'), card.contentHash]);

  const detail = workbook.addWorksheet(language === 'en' ? 'Per task' : 'Chi tiết');
  detail.columns = [{ width: 18 }, { width: 16 }, { width: 40 }, { width: 16 }, { width: 50 }, { width: 16 }, { width: 50 }, { width: 60 }];
  detail.addRow([t('detail')]).font = { bold: true };
  detail.addRow([t('task'), `${t('quantity')} (${t('points')})`, t('why'), `${t('quality')} (${t('points')})`, t('why'), `${t('progress')} (${t('points')})`, t('why'), t('events')]).font = { bold: true };
  card.lines.quantity.tasks.forEach((quantity, i) => {
    const quality = card.lines.quality.tasks[i];
    const progress = card.lines.progress.tasks[i];
    detail.addRow([
      quantity.code,
      quantity.points,
      quantity.reason[language],
      quality.points,
      quality.reason[language],
      progress.points,
      progress.reason[language],
      quantity.events.map((e) => `${e.seq}: ${e.type}`).join(', '),
    ]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `phieu-danh-gia-2026-Q3-unit-HN-X001-v1.xlsx`. */
export function scorecardFileName(card: Pick<ScorecardDto, 'quarter' | 'unit' | 'kind' | 'version'>, extension: 'xlsx' | 'pdf' = 'xlsx'): string {
  const code = card.unit.code.replace(/[^A-Za-z0-9_-]/g, '_');
  return `phieu-danh-gia-${card.quarter}-${card.kind.toLowerCase()}-${code}-v${card.version}.${extension}`;
}
