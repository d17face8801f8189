import type { MailTemplateSource } from '../mail-templates';

/** The task events a person is told about by email and in the inbox. */
export const TASK_NOTIFIED_EVENTS = [
  'ASSIGNED',
  'ACK_REMINDER',
  'REMINDER',
  'OVERDUE',
  'ESCALATION_PROPOSED',
  'DECISION_REMINDER',
  'ESCALATION_APPROVED',
  'ESCALATION_REJECTED',
  'EXTENSION_REQUESTED',
  'EXTENSION_APPROVED',
  'EXTENSION_REJECTED',
  'DUE_RECALCULATED',
  'EXPLANATION_REQUESTED',
  'EXPLANATION_ANSWERED',
  'EXPLANATION_OVERDUE',
  'BEYOND_AUTHORITY_RAISED',
  'BEYOND_AUTHORITY_DECIDED',
  'REASSIGNED',
  'EVIDENCE_SUBMITTED',
  'EVIDENCE_ACCEPTED',
  'EVIDENCE_REJECTED',
  'EVIDENCE_VERIFIED',
  'EVIDENCE_VERIFICATION_FAILED',
  'REGRESSED',
  'RECOVERED',
  'AFTER_CARE_CLOSED',
  'CANCELLED',
  'BLOCKER_DECLARED',
  'BLOCKER_REMINDER',
  'BLOCKER_RESOLVED',
  'BLOCKER_DECIDED',
] as const;
export type TaskNotifiedEvent = (typeof TASK_NOTIFIED_EVENTS)[number];

/** Every value a task email may use; absent ones are empty strings. */
export interface TaskMailData {
  name: string;
  taskCode: string;
  taskTitle: string;
  unitName: string;
  dueAt: string;
  link: string;
  level: string;
  comment: string;
  reason: string;
  newDueAt: string;
  previousDueAt: string;
  question: string;
  deadline: string;
  answer: string;
  decision_vi: string;
  decision_en: string;
  item_vi: string;
  item_en: string;
  rejections: string;
  count: string;
  newUnitName: string;
  failures_vi: string;
  failures_en: string;
  url: string;
  /** Blockers: the unit waited on, what is awaited and since when, and how it ended. */
  blockingUnitName: string;
  awaited: string;
  since: string;
  resolution_vi: string;
  resolution_en: string;
}

interface Text {
  subject: string;
  body: string;
  action: string;
}

const TEXTS: Record<TaskNotifiedEvent, { vi: Text; en: Text }> = {
  ASSIGNED: {
    vi: { subject: 'Giao nhiệm vụ {{taskCode}}: {{taskTitle}}', body: 'Đơn vị {{unitName}} được giao chủ trì thực hiện nhiệm vụ dưới đây, thời hạn {{dueAt}}. Đề nghị xác nhận tiếp nhận và triển khai thực hiện.', action: 'Xem và xác nhận nhiệm vụ' },
    en: { subject: 'Task {{taskCode}} assigned: {{taskTitle}}', body: '{{unitName}} is the lead unit of the task below, due {{dueAt}}. Please acknowledge it and start work.', action: 'View and acknowledge' },
  },
  ACK_REMINDER: {
    vi: { subject: 'Nhắc xác nhận tiếp nhận nhiệm vụ {{taskCode}} (lần {{count}})', body: 'Nhiệm vụ dưới đây chưa được đơn vị {{unitName}} xác nhận tiếp nhận. Đề nghị xác nhận và triển khai thực hiện.', action: 'Xác nhận tiếp nhận' },
    en: { subject: 'Please acknowledge task {{taskCode}} (reminder {{count}})', body: '{{unitName}} has not yet acknowledged the task below. Please acknowledge it and start work.', action: 'Acknowledge' },
  },
  REMINDER: {
    vi: { subject: 'Đôn đốc: nhiệm vụ {{taskCode}} đến hạn {{dueAt}}', body: 'Nhiệm vụ dưới đây đến hạn vào {{dueAt}}. Đề nghị hoàn thành và nộp minh chứng về kết quả thực (sản phẩm vận hành, dữ liệu kiểm chứng, người dùng thực, hiệu quả đo được) đúng hạn.', action: 'Xem nhiệm vụ' },
    en: { subject: 'Reminder: task {{taskCode}} is due {{dueAt}}', body: 'The task below is due {{dueAt}}. Please finish it and submit evidence of a working result (operating product, verified data, real users, measurable effect) in time.', action: 'View the task' },
  },
  OVERDUE: {
    vi: { subject: 'Quá hạn: nhiệm vụ {{taskCode}} chưa hoàn thành', body: 'Nhiệm vụ dưới đây đã quá hạn ({{dueAt}}) mà chưa hoàn thành. Đồng chí là người đứng đầu đơn vị chủ trì {{unitName}}, đề nghị chỉ đạo hoàn thành ngay.', action: 'Xem nhiệm vụ quá hạn' },
    en: { subject: 'Overdue: task {{taskCode}} is not done', body: 'The task below passed its due time ({{dueAt}}) without being done. As head of the lead unit {{unitName}}, please see that it is finished at once.', action: 'View the overdue task' },
  },
  ESCALATION_PROPOSED: {
    vi: { subject: 'Đề xuất báo cáo mức {{level}}: nhiệm vụ {{taskCode}} quá hạn', body: 'Nhiệm vụ dưới đây quá hạn từ {{dueAt}}. Hệ thống đề xuất báo cáo lên mức {{level}}; đề nghị đồng chí phê duyệt hoặc từ chối (nêu lý do).', action: 'Quyết định' },
    en: { subject: 'Escalation level {{level}} proposed: task {{taskCode}} is overdue', body: 'The task below has been overdue since {{dueAt}}. Escalation to level {{level}} is proposed; please approve it or reject it with a comment.', action: 'Decide' },
  },
  DECISION_REMINDER: {
    vi: { subject: 'Nhắc: đang chờ đồng chí quyết định về nhiệm vụ {{taskCode}}', body: 'Đang chờ đồng chí quyết định: {{item_vi}}. Đề nghị xem xét và quyết định.', action: 'Quyết định' },
    en: { subject: 'Reminder: your decision on task {{taskCode}} is awaited', body: 'Your decision is awaited: {{item_en}}. Please review and decide.', action: 'Decide' },
  },
  ESCALATION_APPROVED: {
    vi: { subject: 'Đã phê duyệt báo cáo mức {{level}}: nhiệm vụ {{taskCode}}', body: 'Việc chậm thực hiện nhiệm vụ dưới đây đã được báo cáo lên mức {{level}} và ghi nhận đối với đơn vị {{unitName}} và người đứng đầu. {{comment}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Escalation level {{level}} approved: task {{taskCode}}', body: 'The delay of the task below was escalated to level {{level}} and recorded against {{unitName}} and its head. {{comment}}', action: 'View the task' },
  },
  ESCALATION_REJECTED: {
    vi: { subject: 'Không phê duyệt báo cáo mức {{level}}: nhiệm vụ {{taskCode}}', body: 'Đề xuất báo cáo mức {{level}} đối với nhiệm vụ dưới đây không được phê duyệt. Lý do: {{comment}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Escalation level {{level}} rejected: task {{taskCode}}', body: 'The proposed escalation to level {{level}} of the task below was rejected. Reason: {{comment}}', action: 'View the task' },
  },
  EXTENSION_REQUESTED: {
    vi: { subject: 'Đề nghị gia hạn nhiệm vụ {{taskCode}} đến {{newDueAt}}', body: 'Đơn vị {{unitName}} đề nghị gia hạn nhiệm vụ dưới đây từ {{dueAt}} đến {{newDueAt}}. Lý do: {{reason}}', action: 'Quyết định gia hạn' },
    en: { subject: 'Extension of task {{taskCode}} to {{newDueAt}} requested', body: '{{unitName}} asks to extend the task below from {{dueAt}} to {{newDueAt}}. Reason: {{reason}}', action: 'Decide' },
  },
  EXTENSION_APPROVED: {
    vi: { subject: 'Đã đồng ý gia hạn nhiệm vụ {{taskCode}} đến {{newDueAt}}', body: 'Đề nghị gia hạn đã được đồng ý: thời hạn mới là {{newDueAt}} (thời hạn ban đầu vẫn được lưu để đánh giá). {{comment}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Extension of task {{taskCode}} to {{newDueAt}} approved', body: 'The extension was approved: the new due time is {{newDueAt}} (the original one is kept for reporting). {{comment}}', action: 'View the task' },
  },
  EXTENSION_REJECTED: {
    vi: { subject: 'Không đồng ý gia hạn nhiệm vụ {{taskCode}}', body: 'Đề nghị gia hạn không được đồng ý; thời hạn vẫn là {{dueAt}}. Lý do: {{comment}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Extension of task {{taskCode}} rejected', body: 'The extension was rejected; the task is still due {{dueAt}}. Reason: {{comment}}', action: 'View the task' },
  },
  DUE_RECALCULATED: {
    vi: {
      subject: 'Thời hạn nhiệm vụ {{taskCode}} được tính lại: {{newDueAt}}',
      body: 'Lịch ngày làm việc vừa được điều chỉnh (ngày nghỉ, ngày làm bù) trong thời hạn tính theo ngày làm việc của nhiệm vụ dưới đây, nên thời hạn được tính lại từ {{previousDueAt}} thành {{newDueAt}}.',
      action: 'Xem nhiệm vụ',
    },
    en: {
      subject: 'Due time of task {{taskCode}} recalculated: {{newDueAt}}',
      body: 'The working-day calendar changed a day (a day off, a worked day) within the task’s term in working days, so its due time was recalculated from {{previousDueAt}} to {{newDueAt}}.',
      action: 'View the task',
    },
  },
  EXPLANATION_REQUESTED: {
    vi: { subject: 'Yêu cầu giải trình: nhiệm vụ {{taskCode}}, hạn {{deadline}}', body: 'Đề nghị đơn vị {{unitName}} giải trình trước {{deadline}}: {{question}}', action: 'Gửi giải trình' },
    en: { subject: 'Explanation requested: task {{taskCode}}, by {{deadline}}', body: '{{unitName}} is asked to explain by {{deadline}}: {{question}}', action: 'Answer' },
  },
  EXPLANATION_ANSWERED: {
    vi: { subject: 'Đã có giải trình: nhiệm vụ {{taskCode}}', body: 'Đơn vị {{unitName}} đã giải trình: {{answer}}', action: 'Xem giải trình' },
    en: { subject: 'Explanation received: task {{taskCode}}', body: '{{unitName}} explained: {{answer}}', action: 'View the explanation' },
  },
  EXPLANATION_OVERDUE: {
    vi: { subject: 'Quá hạn giải trình: nhiệm vụ {{taskCode}}', body: 'Đơn vị {{unitName}} chưa giải trình dù đã quá hạn {{deadline}}. Nội dung yêu cầu: {{question}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Explanation overdue: task {{taskCode}}', body: '{{unitName}} has not explained although the deadline {{deadline}} has passed. The request: {{question}}', action: 'View the task' },
  },
  BEYOND_AUTHORITY_RAISED: {
    vi: { subject: 'Xin ý kiến cấp trên (vượt thẩm quyền): nhiệm vụ {{taskCode}}', body: 'Đơn vị {{unitName}} báo cáo vấn đề vượt thẩm quyền và xin ý kiến chỉ đạo: {{reason}}', action: 'Cho ý kiến' },
    en: { subject: 'Matter beyond authority raised: task {{taskCode}}', body: '{{unitName}} reports a matter beyond its authority and asks for a decision: {{reason}}', action: 'Decide' },
  },
  BEYOND_AUTHORITY_DECIDED: {
    vi: { subject: 'Ý kiến chỉ đạo về nhiệm vụ {{taskCode}}: {{decision_vi}}', body: 'Cấp trên đã cho ý kiến ({{decision_vi}}): {{comment}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Decision on task {{taskCode}}: {{decision_en}}', body: 'A decision was taken ({{decision_en}}): {{comment}}', action: 'View the task' },
  },
  REASSIGNED: {
    vi: { subject: 'Chuyển giao nhiệm vụ {{taskCode}} cho {{newUnitName}}', body: 'Nhiệm vụ dưới đây được chuyển cho đơn vị {{newUnitName}} chủ trì, thời hạn {{dueAt}}. {{comment}}', action: 'Xem và xác nhận nhiệm vụ' },
    en: { subject: 'Task {{taskCode}} reassigned to {{newUnitName}}', body: 'The task below now has {{newUnitName}} as its lead unit, due {{dueAt}}. {{comment}}', action: 'View and acknowledge' },
  },
  EVIDENCE_SUBMITTED: {
    vi: { subject: 'Đề nghị duyệt minh chứng: nhiệm vụ {{taskCode}}', body: 'Đơn vị {{unitName}} đã nộp minh chứng về kết quả thực hiện nhiệm vụ dưới đây. Đề nghị đồng chí duyệt (đồng ý hoàn thành, hoặc từ chối và nêu lý do theo từng tiêu chí).', action: 'Duyệt minh chứng' },
    en: { subject: 'Evidence to review: task {{taskCode}}', body: '{{unitName}} submitted evidence of the result of the task below. Please review it (accept it as done, or reject it with a reason per criterion).', action: 'Review the evidence' },
  },
  EVIDENCE_ACCEPTED: {
    vi: { subject: 'Hoàn thành: nhiệm vụ {{taskCode}}', body: 'Minh chứng đã được chấp nhận; nhiệm vụ dưới đây được ghi nhận hoàn thành. {{comment}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Done: task {{taskCode}}', body: 'The evidence was accepted; the task below is recorded as done. {{comment}}', action: 'View the task' },
  },
  EVIDENCE_REJECTED: {
    vi: { subject: 'Minh chứng chưa đạt: nhiệm vụ {{taskCode}}', body: 'Minh chứng chưa được chấp nhận; nhiệm vụ trở lại trạng thái đang thực hiện. {{rejections}} {{comment}}', action: 'Xem lý do' },
    en: { subject: 'Evidence not accepted: task {{taskCode}}', body: 'The evidence was not accepted; the task is back in progress. {{rejections}} {{comment}}', action: 'See why' },
  },
  EVIDENCE_VERIFIED: {
    vi: { subject: 'Minh chứng đã được kiểm chứng, chờ duyệt: nhiệm vụ {{taskCode}}', body: 'Hệ thống đã tự kiểm tra minh chứng của đơn vị {{unitName}} và các tiêu chí đều đạt (tiêu chí tự khai được ghi rõ là tự khai). Đề nghị đồng chí xem kết quả kiểm tra và duyệt.', action: 'Duyệt minh chứng' },
    en: { subject: 'Evidence verified, awaiting review: task {{taskCode}}', body: 'dondoc checked the evidence of {{unitName}} and every criterion passed (attested figures are marked as such). Please look at the checks and review the evidence.', action: 'Review the evidence' },
  },
  EVIDENCE_VERIFICATION_FAILED: {
    vi: { subject: 'Minh chứng không đạt kiểm tra tự động: nhiệm vụ {{taskCode}}', body: 'Hệ thống đã kiểm tra minh chứng và có tiêu chí chưa đạt; nhiệm vụ trở lại trạng thái đang thực hiện. {{failures_vi}} Đề nghị khắc phục và nộp lại minh chứng.', action: 'Xem kết quả kiểm tra' },
    en: { subject: 'Evidence failed the automated checks: task {{taskCode}}', body: 'dondoc checked the evidence and some criteria did not pass; the task is back in progress. {{failures_en}} Please fix this and submit the evidence again.', action: 'See the checks' },
  },
  REGRESSED: {
    vi: { subject: 'Sản phẩm ngừng hoạt động sau hoàn thành: nhiệm vụ {{taskCode}}', body: 'Sản phẩm vận hành của nhiệm vụ đã hoàn thành dưới đây ({{url}}) không đạt {{count}} lần kiểm tra liên tiếp trong giai đoạn theo dõi sau hoàn thành; nhiệm vụ bị gắn cờ suy giảm. {{failures_vi}} Đề nghị đơn vị {{unitName}} khôi phục ngay.', action: 'Xem lịch sử kiểm tra' },
    en: { subject: 'Product stopped working after completion: task {{taskCode}}', body: 'The operating product of the completed task below ({{url}}) failed {{count}} consecutive after-care checks; the task is flagged as regressed. {{failures_en}} {{unitName}} should restore it at once.', action: 'See the probe history' },
  },
  RECOVERED: {
    vi: { subject: 'Sản phẩm hoạt động trở lại: nhiệm vụ {{taskCode}}', body: 'Sản phẩm vận hành của nhiệm vụ dưới đây ({{url}}) đã hoạt động bình thường trở lại; cờ suy giảm được gỡ bỏ. Việc theo dõi sau hoàn thành tiếp tục theo lịch.', action: 'Xem nhiệm vụ' },
    en: { subject: 'Product working again: task {{taskCode}}', body: 'The operating product of the task below ({{url}}) is healthy again; the regressed flag is cleared. After-care continues on schedule.', action: 'View the task' },
  },
  AFTER_CARE_CLOSED: {
    vi: { subject: 'Kết thúc theo dõi sau hoàn thành: nhiệm vụ {{taskCode}}', body: 'Quản trị viên đã kết thúc sớm việc theo dõi sản phẩm sau hoàn thành của nhiệm vụ dưới đây. Lý do: {{reason}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'After-care closed: task {{taskCode}}', body: 'An administrator closed the after-care of the task below early. Reason: {{reason}}', action: 'View the task' },
  },
  CANCELLED: {
    vi: { subject: 'Huỷ nhiệm vụ {{taskCode}}', body: 'Nhiệm vụ dưới đây đã bị huỷ. Lý do: {{reason}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Task {{taskCode}} cancelled', body: 'The task below was cancelled. Reason: {{reason}}', action: 'View the task' },
  },
  BLOCKER_DECLARED: {
    vi: {
      subject: 'Vướng mắc: nhiệm vụ {{taskCode}} đang chờ {{blockingUnitName}}',
      body: 'Đơn vị chủ trì {{unitName}} báo cáo đang chờ đơn vị {{blockingUnitName}} từ {{since}}: {{awaited}}.{{#if reason}} Lý do: {{reason}}{{/if}} Đề nghị đồng chí chỉ đạo giải quyết và đánh dấu đã giải quyết; số ngày chờ được tính cho đơn vị gây vướng mắc trong thống kê.',
      action: 'Xem nhiệm vụ',
    },
    en: {
      subject: 'Blocker: task {{taskCode}} is waiting on {{blockingUnitName}}',
      body: '{{unitName}}, the lead unit, has been waiting on {{blockingUnitName}} since {{since}} for: {{awaited}}.{{#if reason}} Reason: {{reason}}{{/if}} Please see that it is resolved and mark it so; the days waited are counted against the blocking unit in the statistics.',
      action: 'View the task',
    },
  },
  BLOCKER_REMINDER: {
    vi: { subject: 'Nhắc: nhiệm vụ {{taskCode}} vẫn đang chờ {{blockingUnitName}}', body: 'Đơn vị chủ trì {{unitName}} vẫn đang chờ đơn vị {{blockingUnitName}} từ {{since}}: {{awaited}}. Đề nghị đồng chí chỉ đạo giải quyết và đánh dấu đã giải quyết.', action: 'Xem nhiệm vụ' },
    en: { subject: 'Reminder: task {{taskCode}} is still waiting on {{blockingUnitName}}', body: '{{unitName}}, the lead unit, is still waiting on {{blockingUnitName}} since {{since}} for: {{awaited}}. Please see that it is resolved and mark it so.', action: 'View the task' },
  },
  BLOCKER_RESOLVED: {
    vi: { subject: 'Đã hết vướng mắc với {{blockingUnitName}}: nhiệm vụ {{taskCode}}', body: 'Việc đơn vị {{unitName}} chờ đơn vị {{blockingUnitName}} ({{awaited}}, từ {{since}}) đã kết thúc: {{resolution_vi}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Blocker on {{blockingUnitName}} resolved: task {{taskCode}}', body: 'The wait of {{unitName}} on {{blockingUnitName}} ({{awaited}}, since {{since}}) has ended: {{resolution_en}}', action: 'View the task' },
  },
  BLOCKER_DECIDED: {
    vi: { subject: 'Ý kiến của lãnh đạo về vướng mắc với {{blockingUnitName}}: nhiệm vụ {{taskCode}}', body: 'Lãnh đạo đã quyết định về việc đơn vị {{unitName}} chờ đơn vị {{blockingUnitName}} ({{awaited}}): {{decision_vi}}. {{comment}}', action: 'Xem nhiệm vụ' },
    en: { subject: 'Decision on the blocker on {{blockingUnitName}}: task {{taskCode}}', body: 'A leader decided on the wait of {{unitName}} on {{blockingUnitName}} ({{awaited}}): {{decision_en}}. {{comment}}', action: 'View the task' },
  },
};

const LABELS = {
  vi: { greeting: 'Kính gửi', task: 'Nhiệm vụ', unit: 'Đơn vị chủ trì', due: 'Thời hạn', view: 'Xem nhiệm vụ' },
  en: { greeting: 'Dear', task: 'Task', unit: 'Lead unit', due: 'Due', view: 'View the task' },
};

function source(text: { vi: Text; en: Text }): MailTemplateSource<TaskMailData> {
  const one = (language: 'vi' | 'en') => {
    const t = text[language];
    const l = LABELS[language];
    return {
      subject: `[dondoc] ${t.subject}`,
      text: `${l.greeting} {{name}},\n\n${t.body}\n\n${l.task}: {{taskCode}} — {{taskTitle}}\n${l.unit}: {{unitName}}\n${l.due}: {{dueAt}}\n\n${l.view}: {{link}}`,
      html: `<p>${l.greeting} {{name}},</p>\n<p>${t.body}</p>\n<table role="presentation" style="margin-top:12px;font-size:14px"><tr><td style="color:#7b8794;padding-right:12px">${l.task}</td><td><strong>{{taskCode}}</strong> — {{taskTitle}}</td></tr><tr><td style="color:#7b8794;padding-right:12px">${l.unit}</td><td>{{unitName}}</td></tr><tr><td style="color:#7b8794;padding-right:12px">${l.due}</td><td>{{dueAt}}</td></tr></table>`,
      actionLabel: t.action,
    };
  };
  return { vi: one('vi'), en: one('en') };
}

/** `task-assigned`, `task-reminder`, … one template per notified event. */
export const TASK_TEMPLATES = Object.fromEntries(
  TASK_NOTIFIED_EVENTS.map((event) => [taskTemplateName(event), source(TEXTS[event])]),
) as Record<`task-${string}`, MailTemplateSource<TaskMailData>>;

export function taskTemplateName(event: TaskNotifiedEvent): `task-${string}` {
  return `task-${event.toLowerCase().replace(/_/g, '-')}`;
}
