import type { MailTemplateSource } from '../mail-templates';

/** A published quarterly scorecard was corrected: the unit (its head) and the person rated hear of the new version and why. */
export const scorecardCorrectedTemplate: MailTemplateSource<{ name: string; quarter: string; subject_vi: string; subject_en: string; version: string; reason: string; results: string; of: string; link: string }> = {
  vi: {
    subject: '[dondoc] Phiếu đánh giá quý {{quarter}} của {{subject_vi}} đã được đính chính (phiên bản {{version}})',
    text: `Kính gửi {{name}},

Phiếu đánh giá kết quả thực hiện nhiệm vụ quý {{quarter}} của {{subject_vi}} đã được đính chính: phiên bản {{version}}.

Lý do: {{reason}}
Điểm kết quả thực hiện nhiệm vụ: {{results}} / {{of}}

Xem phiếu và căn cứ của từng dòng: {{link}}`,
    html: `<p>Kính gửi {{name}},</p>
<p>Phiếu đánh giá kết quả thực hiện nhiệm vụ quý <strong>{{quarter}}</strong> của <strong>{{subject_vi}}</strong> đã được đính chính: phiên bản {{version}}.</p>
<p>Lý do: {{reason}}<br>Điểm kết quả thực hiện nhiệm vụ: <strong>{{results}} / {{of}}</strong></p>`,
    actionLabel: 'Xem phiếu đánh giá',
  },
  en: {
    subject: '[dondoc] The {{quarter}} scorecard of {{subject_en}} was corrected (version {{version}})',
    text: `Dear {{name}},

The {{quarter}} scorecard of {{subject_en}} was corrected: version {{version}}.

Reason: {{reason}}
Task results: {{results}} / {{of}}

See the scorecard and what each line rests on: {{link}}`,
    html: `<p>Dear {{name}},</p>
<p>The <strong>{{quarter}}</strong> scorecard of <strong>{{subject_en}}</strong> was corrected: version {{version}}.</p>
<p>Reason: {{reason}}<br>Task results: <strong>{{results}} / {{of}}</strong></p>`,
    actionLabel: 'See the scorecard',
  },
};
