import type { MailTemplateSource } from '../mail-templates';

/** The weekly briefing email's data: the pack, and the recipient's part of its headline figures. */
export type BriefingMailData = {
  name: string;
  week: string;
  version: number;
  /** Why the week was issued again; empty for the first version. */
  reason: string;
  cutOff: string;
  total: number;
  doneOnTime: number;
  overdue: number;
  newTasks: number;
  completed: number;
  newlyOverdue: number;
  decisions: number;
  fileName: string;
  link: string;
};

/** The weekly briefing pack (giao ban hằng tuần), with the pack as an XLSX attachment. */
export const briefingTemplate: MailTemplateSource<BriefingMailData> = {
  vi: {
    subject: '[dondoc] Giao ban tuần {{week}}{{#if reason}} (phiên bản {{version}}){{/if}}: {{overdue}} nhiệm vụ quá hạn',
    text: `Kính gửi {{name}},

Gửi đồng chí tài liệu giao ban tuần {{week}}, số liệu chốt lúc {{cutOff}}.{{#if reason}}
Đây là phiên bản {{version}}, lập lại vì: {{reason}}{{/if}}

- Tổng số nhiệm vụ: {{total}}; hoàn thành đúng hạn: {{doneOnTime}}; quá hạn: {{overdue}}.
- Trong tuần qua: {{newTasks}} nhiệm vụ mới giao, {{completed}} nhiệm vụ hoàn thành, {{newlyOverdue}} nhiệm vụ mới quá hạn.
- Việc chờ Thường trực Ban Chỉ đạo quyết định: {{decisions}}.

Chi tiết (số liệu theo đơn vị, thay đổi trong tuần, nhiệm vụ quá hạn nhiều nhất, việc chờ quyết định, người đứng đầu có nhiều nhiệm vụ quá hạn) trong tệp đính kèm {{fileName}}.`,
    html: `<p>Kính gửi {{name}},</p>
<p>Gửi đồng chí tài liệu giao ban tuần <strong>{{week}}</strong>, số liệu chốt lúc <strong>{{cutOff}}</strong>.{{#if reason}}<br>Đây là phiên bản {{version}}, lập lại vì: {{reason}}{{/if}}</p>
<ul>
<li>Tổng số nhiệm vụ: {{total}}; hoàn thành đúng hạn: {{doneOnTime}}; quá hạn: <strong>{{overdue}}</strong>.</li>
<li>Trong tuần qua: {{newTasks}} nhiệm vụ mới giao, {{completed}} nhiệm vụ hoàn thành, {{newlyOverdue}} nhiệm vụ mới quá hạn.</li>
<li>Việc chờ Thường trực Ban Chỉ đạo quyết định: {{decisions}}.</li>
</ul>
<p>Chi tiết (số liệu theo đơn vị, thay đổi trong tuần, nhiệm vụ quá hạn nhiều nhất, việc chờ quyết định, người đứng đầu có nhiều nhiệm vụ quá hạn) trong tệp đính kèm <strong>{{fileName}}</strong>.</p>`,
  },
  en: {
    subject: '[dondoc] Weekly briefing {{week}}{{#if reason}} (version {{version}}){{/if}}: {{overdue}} overdue tasks',
    text: `Dear {{name}},

Here is the weekly briefing pack of {{week}}, counted at {{cutOff}}.{{#if reason}}
This is version {{version}}, issued again because: {{reason}}{{/if}}

- Tasks: {{total}}; done on time: {{doneOnTime}}; overdue: {{overdue}}.
- Last week: {{newTasks}} tasks assigned, {{completed}} completed, {{newlyOverdue}} newly overdue.
- Waiting for the standing members' decision: {{decisions}}.

The details (figures by unit, the week's changes, the most overdue tasks, decisions waiting, heads with the most overdue tasks) are in the attached {{fileName}}.`,
    html: `<p>Dear {{name}},</p>
<p>Here is the weekly briefing pack of <strong>{{week}}</strong>, counted at <strong>{{cutOff}}</strong>.{{#if reason}}<br>This is version {{version}}, issued again because: {{reason}}{{/if}}</p>
<ul>
<li>Tasks: {{total}}; done on time: {{doneOnTime}}; overdue: <strong>{{overdue}}</strong>.</li>
<li>Last week: {{newTasks}} tasks assigned, {{completed}} completed, {{newlyOverdue}} newly overdue.</li>
<li>Waiting for the standing members' decision: {{decisions}}.</li>
</ul>
<p>The details (figures by unit, the week's changes, the most overdue tasks, decisions waiting, heads with the most overdue tasks) are in the attached <strong>{{fileName}}</strong>.</p>`,
  },
};
