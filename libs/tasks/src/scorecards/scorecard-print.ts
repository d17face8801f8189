import { formatDateTime, type Language } from '@dondoc/common';
import { escapeHtml as e, printDocument } from '@dondoc/printing';
import type { ScorecardDto } from './scorecard.dto';

const T = {
  title: { vi: 'Phiếu đánh giá kết quả thực hiện nhiệm vụ quý', en: 'Quarterly scorecard' },
  kinds: { UNIT: { vi: 'Tập thể đơn vị', en: 'Unit (collective)' }, HEAD: { vi: 'Người đứng đầu đơn vị', en: 'Head of the unit' }, LEADER: { vi: 'Lãnh đạo phụ trách (các đơn vị được phân công)', en: 'Leader (the units directed)' } },
  rated: { vi: 'Đối tượng', en: 'Rated' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  person: { vi: 'Cá nhân', en: 'Person' },
  period: { vi: 'Kỳ đánh giá', en: 'Period' },
  cutOff: { vi: 'Thời điểm chốt số liệu', en: 'Cut-off' },
  version: { vi: 'Phiên bản', en: 'Version' },
  reason: { vi: 'Lý do đính chính', en: 'Reason for the correction' },
  formula: { vi: 'Phiên bản công thức', en: 'Formula version' },
  due: { vi: 'Nhiệm vụ đến hạn trong quý', en: 'Tasks due in the quarter' },
  late: { vi: 'Nhiệm vụ chậm (không được chấp nhận lý do)', en: 'Tasks late (not excused)' },
  results: { vi: 'I. Kết quả thực hiện nhiệm vụ', en: 'I. Task results' },
  part: { vi: 'Nội dung', en: 'Part' },
  points: { vi: 'Điểm', en: 'Points' },
  of: { vi: 'Tối đa', en: 'Of' },
  arithmetic: { vi: 'Cách tính', en: 'Arithmetic' },
  quantity: { vi: 'Số lượng nhiệm vụ hoàn thành', en: 'Quantity (tasks done)' },
  quality: { vi: 'Chất lượng (minh chứng được chấp nhận)', en: 'Quality (accepted evidence)' },
  progress: { vi: 'Tiến độ (đúng hạn ban đầu)', en: 'Progress (on time)' },
  sum: { vi: 'Cộng', en: 'Sum' },
  general: { vi: 'II. Tiêu chí chung (người đánh giá chấm)', en: 'II. General criteria (the evaluator)' },
  pending: { vi: 'chưa chấm', en: 'pending' },
  comment: { vi: 'Nhận xét', en: 'Comment' },
  total: { vi: 'Tổng điểm', en: 'Total' },
  band: { vi: 'Xếp loại', en: 'Band' },
  capped: { vi: ' — hạ mức do quá tỷ lệ nhiệm vụ chậm cho phép', en: ' — lowered: too many tasks late' },
  tasks: { vi: 'III. Căn cứ: từng nhiệm vụ và mục nhật ký', en: 'III. What it rests on: each task and its timeline entries' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
  entries: { vi: 'Mục nhật ký', en: 'Timeline entries' },
  hash: { vi: 'Mã băm nội dung (SHA-256)', en: 'Content hash (SHA-256)' },
} as const;

type Key = Exclude<keyof typeof T, 'kinds'>;

/** The scorecard as a printable A4 page (Vietnamese by default): the print view the PDF is made of. */
export function scorecardHtml(card: ScorecardDto, language: Language): string {
  const t = (key: Key): string => T[key][language];
  const unitName = language === 'en' ? (card.unit.nameEn ?? card.unit.nameVi) : card.unit.nameVi;
  const at = (iso: string) => e(formatDateTime(iso, language));
  const row = (label: string, value: string) => `<dt>${e(label)}</dt><dd>${value}</dd>`;
  const facts = [
    row(t('rated'), e(T.kinds[card.kind][language])),
    row(t('unit'), `${e(card.unit.code)} — ${e(unitName)}`),
    card.user ? row(t('person'), e(card.user.name)) : '',
    row(t('period'), `${at(card.period.from)} – ${at(card.period.to)}`),
    row(t('cutOff'), at(card.cutOff)),
    row(t('version'), e(card.version)),
    card.reason ? row(t('reason'), e(card.reason)) : '',
    row(t('formula'), e(card.formulaVersion)),
    row(t('due'), e(card.tasksDue)),
    row(t('late'), e(card.late)),
  ].join('');
  const parts = (['quantity', 'quality', 'progress'] as const)
    .map((part) => `<tr><td>${e(t(part))}</td><td class="num">${e(card.lines[part].points)}</td><td class="num">${e(card.lines[part].of)}</td><td>${e(card.lines[part].arithmetic)}</td></tr>`)
    .join('');
  const band = card.bandLabel ? `${e(card.bandLabel[language])}${card.bandCapped ? e(t('capped')) : ''}` : e(t('pending'));
  const tasks = card.lines.quantity.tasks
    .map((quantity, i) => {
      const cell = (line: 'quantity' | 'quality' | 'progress') => {
        const task = card.lines[line].tasks[i];
        return `<td class="num">${e(task.points)} / ${e(task.of)}</td><td>${e(task.reason[language])}</td>`;
      };
      return `<tr><td>${e(quantity.code)}</td>${cell('quantity')}${cell('quality')}${cell('progress')}<td class="muted">${quantity.events.map((ev) => `${e(ev.seq)}: ${e(ev.type)}`).join('<br>')}</td></tr>`;
    })
    .join('');
  const body = `
    <h1>${e(t('title'))} <span class="nowrap">${e(card.quarter)}</span></h1>
    <p class="sub">${e(unitName)}${card.user ? ` — ${e(card.user.name)}` : ''}</p>
    <dl>${facts}</dl>
    <h2>${e(t('results'))}</h2>
    <table><thead><tr><th>${e(t('part'))}</th><th class="num">${e(t('points'))}</th><th class="num">${e(t('of'))}</th><th>${e(t('arithmetic'))}</th></tr></thead>
    <tbody>${parts}<tr><th>${e(t('sum'))}</th><th class="num">${e(card.results)}</th><th class="num">${e(card.resultsOf)}</th><th></th></tr></tbody></table>
    <h2>${e(t('general'))}</h2>
    <dl>${row(t('points'), card.general === null ? e(t('pending')) : `${e(card.general)} / ${e(card.generalOf)}`)}${card.generalComment ? row(t('comment'), e(card.generalComment)) : ''}</dl>
    <p class="total">${e(t('total'))}: ${card.total === null ? `${e(card.results)} / ${e(card.resultsOf)} (${e(t('pending'))})` : `${e(card.total)} / 100`}<br>${e(t('band'))}: ${band}</p>
    <h2>${e(t('tasks'))}</h2>
    <table><thead><tr><th>${e(t('task'))}</th><th colspan="2">${e(t('quantity'))}</th><th colspan="2">${e(t('quality'))}</th><th colspan="2">${e(t('progress'))}</th><th>${e(t('entries'))}</th></tr></thead><tbody>${tasks}</tbody></table>
    <p class="muted">${e(t('hash'))}: <span class="hash">${e(card.contentHash)}</span></p>`;
  return printDocument({ title: `${t('title')} ${card.quarter} — ${card.unit.code}`, language, body });
}
