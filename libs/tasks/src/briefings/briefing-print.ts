import type { Language } from '@dondoc/common';
import { escapeHtml as e, printDocument } from '@dondoc/printing';
import type { StatisticsRowDto } from '../statistics/statistics.dto';
import type { BriefingChangesDto, BriefingDto } from './briefing.dto';
import { briefingHeading, CHANGE_COLUMNS, EVENT_NAMES, NEXT_NAMES } from './briefing-export';

const TIME = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' });
const time = (iso: string | null): string => (iso ? TIME.format(new Date(iso)) : '');
const unitName = (unit: { nameVi: string; nameEn: string | null }, language: Language) => (language === 'en' ? (unit.nameEn ?? unit.nameVi) : unit.nameVi);

const table = (header: string[], rows: (string | number | null)[][], numeric: number[] = []): string =>
  `<table><thead><tr>${header.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${e(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/**
 * The pack as a printable A4 page in the reader's language (the sections of the XLSX, narrowed to
 * what reads on paper): the heading, the official statistic set per first-level unit, the week's
 * changes, the most overdue tasks and who must act, decisions waiting for the standing members,
 * heads with the most overdue tasks. The PDF attached to the briefing email is printed from it.
 */
export function briefingHtml(view: BriefingDto, language: Language): string {
  const en = language === 'en';
  const content = view.content;
  const [title, ...heading] = briefingHeading(view, language);

  const statRows: StatisticsRowDto[] = [...content.statistics.firstLevel, ...(content.statistics.totals ? [content.statistics.totals] : [])];
  const statistics = table(
    en
      ? ['Unit', 'Tasks', 'Done on time', 'Done late', 'In progress within deadline', 'Overdue (original due)', 'Overdue (current due)']
      : ['Đơn vị', 'Tổng số', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện trong hạn', 'Quá hạn (hạn ban đầu)', 'Quá hạn (hạn hiện hành)'],
    statRows.map((r) => [r.label, r.total, r.original.doneOnTime, r.original.doneLate, r.original.inProgressWithinDeadline, r.original.overdue, r.current.overdue]),
    [1, 2, 3, 4, 5, 6],
  );
  const changes: BriefingChangesDto = content.changes.totals ?? view.scopeTotals.changes;
  const changeTable = table(
    [en ? 'In the week' : 'Trong tuần', en ? 'Count' : 'Số lượng'],
    CHANGE_COLUMNS.map((c) => [c[language], changes[c.key]]),
    [1],
  );
  const overdue = table(
    en ? ['#', 'Task', 'Lead unit', 'Head', 'Working days late', 'Last action', 'Who must act next'] : ['STT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Người đứng đầu', 'Số ngày làm việc chậm', 'Thao tác gần nhất', 'Việc cần làm tiếp — người phải làm'],
    content.mostOverdue.map((task) => [
      task.rank,
      `${task.code} — ${task.title}`,
      unitName(task.unit, language),
      task.head?.name ?? '',
      task.daysLate,
      task.lastAction ? `${EVENT_NAMES[task.lastAction.type]?.[language] ?? task.lastAction.type}, ${time(task.lastAction.at)}` : en ? 'None since assignment' : 'Chưa có từ khi giao',
      `${NEXT_NAMES[task.nextAction.kind][language]}${task.nextAction.people.length ? ` — ${task.nextAction.people.map((p) => p.name).join('; ')}` : ''}`,
    ]),
    [0, 4],
  );
  const decisions = table(
    en ? ['Kind', 'Task', 'Lead unit', 'Raised', 'Who decides', 'Working days waiting'] : ['Loại', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Đề nghị', 'Người quyết định', 'Số ngày làm việc chờ'],
    content.decisions.map((d) => [
      d.kind === 'escalation' ? (en ? 'Escalation to the standing members' : 'Báo cáo Thường trực Ban Chỉ đạo') : en ? 'Beyond authority' : 'Vượt thẩm quyền',
      `${d.taskCode} — ${d.taskTitle}`,
      unitName(d.unit, language),
      `${time(d.requestedAt)}, ${d.requestedBy?.name ?? 'dondoc'}`,
      d.deciders.map((p) => p.name).join('; '),
      d.waitingWorkingDays,
    ]),
    [5],
  );
  const heads = table(
    en ? ['#', 'Head', 'Unit', 'Overdue (current due)', 'Overdue (original due)', 'Tasks', 'Most working days late'] : ['STT', 'Người đứng đầu', 'Đơn vị', 'Quá hạn (hạn hiện hành)', 'Quá hạn (hạn ban đầu)', 'Tổng số nhiệm vụ', 'Số ngày chậm nhiều nhất'],
    content.heads.map((h, i) => [i + 1, h.person.name, h.unit ? unitName(h.unit, language) : '', h.overdue, h.overdueOriginal, h.total, h.maxDaysLate]),
    [0, 3, 4, 5, 6],
  );
  const none = `<p class="muted">${en ? 'None.' : 'Không có.'}</p>`;
  const section = (heading: string, html: string, count: number) => `<h2>${e(heading)}</h2>${count > 0 ? html : none}`;
  const body = `
    <h1>${e(title)}</h1>
    <p class="muted">${heading.map((line) => e(line)).join('<br>')}</p>
    ${section(en ? '1. The official statistic set' : '1. Số liệu thống kê nhiệm vụ', statistics, statRows.length)}
    ${section(en ? '2. What changed in the week' : '2. Thay đổi trong tuần', changeTable, 1)}
    ${section(en ? `3. The most overdue tasks (${content.mostOverdue.length})` : `3. Các nhiệm vụ quá hạn nhiều nhất (${content.mostOverdue.length})`, overdue, content.mostOverdue.length)}
    ${section(en ? '4. Decisions waiting for the standing members' : '4. Nội dung chờ Thường trực Ban Chỉ đạo quyết định', decisions, content.decisions.length)}
    ${section(en ? '5. Heads with the most overdue tasks' : '5. Người đứng đầu có nhiều nhiệm vụ quá hạn nhất', heads, content.heads.length)}`;
  return printDocument({ title, language, body });
}
