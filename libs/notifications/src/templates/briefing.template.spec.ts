import { renderMail } from '../mail-templates';
import { briefingTemplate, type BriefingMailData } from './briefing.template';

const data: BriefingMailData = {
  name: 'Lãnh đạo Ban Chỉ đạo',
  week: '2026-W47',
  version: 1,
  reason: '',
  cutOff: 'lúc 08:00 Thứ Hai, 16 tháng 11, 2026 (GMT+7)',
  total: 12,
  doneOnTime: 4,
  overdue: 5,
  newTasks: 3,
  completed: 2,
  newlyOverdue: 1,
  decisions: 2,
  fileName: 'giao-ban-2026-W47-v1.xlsx',
  link: 'http://dondoc.test',
};

describe('weekly briefing email', () => {
  it('gives the week, its cut-off and the headline figures in Vietnamese, and names the attached file', () => {
    const mail = renderMail(briefingTemplate, 'vi', data);
    expect(mail.subject).toBe('[dondoc] Giao ban tuần 2026-W47: 5 nhiệm vụ quá hạn');
    expect(mail.text).toContain('Gửi đồng chí tài liệu giao ban tuần 2026-W47, số liệu chốt lúc lúc 08:00 Thứ Hai');
    expect(mail.text).toContain('Tổng số nhiệm vụ: 12; hoàn thành đúng hạn: 4; quá hạn: 5.');
    expect(mail.text).toContain('3 nhiệm vụ mới giao, 2 nhiệm vụ hoàn thành, 1 nhiệm vụ mới quá hạn');
    expect(mail.text).toContain('tệp đính kèm giao-ban-2026-W47-v1.xlsx');
    expect(mail.text).not.toContain('phiên bản');
    expect(mail.html).toContain('<strong>5</strong>');
  });

  it('says which version and why when a week is issued again, in English too', () => {
    const vi = renderMail(briefingTemplate, 'vi', { ...data, version: 2, reason: 'Bổ sung số liệu <Hà Nội>' });
    expect(vi.subject).toBe('[dondoc] Giao ban tuần 2026-W47 (phiên bản 2): 5 nhiệm vụ quá hạn');
    expect(vi.text).toContain('Đây là phiên bản 2, lập lại vì: Bổ sung số liệu <Hà Nội>');
    expect(vi.html).toContain('Bổ sung số liệu &lt;Hà Nội&gt;');
    const en = renderMail(briefingTemplate, 'en', { ...data, version: 2, reason: 'Late figures' });
    expect(en.subject).toBe('[dondoc] Weekly briefing 2026-W47 (version 2): 5 overdue tasks');
    expect(en.text).toContain('This is version 2, issued again because: Late figures');
    expect(en.text).toContain('Tasks: 12; done on time: 4; overdue: 5.');
  });
});
