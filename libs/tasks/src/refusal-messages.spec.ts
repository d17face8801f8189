import { evidenceProblems } from '@dondoc/workflows/task/evidence-rules';
import * as rules from '@dondoc/workflows/task/task-rules';
import type { TaskDefinition } from '@dondoc/workflows/task/task.types';
import { describeProblem, describeRefusal, inEveryLanguage, INPUT_PROBLEM_MESSAGES, REFUSAL_MESSAGES } from './refusal-messages';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const actor = { id: 'u-officer', name: 'Cán bộ', requestId: null };

function task(plan: Partial<TaskDefinition['plan']> = {}): TaskDefinition {
  return {
    taskId: 't-1',
    code: 'NV-1',
    title: 'Thử',
    description: '',
    program: null,
    leadUnitId: 'unit-a',
    coordinatingUnitIds: [],
    focalOfficerId: null,
    assignedBy: 'u-admin',
    assignedAt: new Date(T0).toISOString(),
    dueAt: new Date(T0 + 100_000).toISOString(),
    milestones: [],
    plan: {
      templateId: 'tpl',
      templateKey: 'k',
      templateVersion: 1,
      reminderOffsets: [],
      ackReminderEvery: null,
      ackReminderMax: 0,
      ladder: [],
      decisionReminderEvery: 60,
      explanationDeadline: 60,
      requiredCriteria: ['OPERATING_PRODUCT', 'REAL_USERS', 'MEASURABLE_EFFECT'],
      minActiveUsers: null,
      kpiDirection: 'INCREASE',
      reviewer: { type: 'ASSIGNER' },
      ...plan,
    },
  };
}

describe(describeRefusal.name, () => {
  it('renders the workflow’s refusals in the reader’s language, with their parameters', () => {
    const def = task();
    const state = rules.initialState(def, []);
    rules.cancel.apply(def, state, { actor, reason: 'x' }, T0);
    const closed = rules.acknowledge.validate(def, state, { actor }, T0)!;
    expect(describeRefusal(closed, 'vi')).toBe('nhiệm vụ đã huỷ; không thể thực hiện thao tác này.');
    expect(describeRefusal(closed, 'en')).toBe('the task is cancelled; no action is possible.');
    const unknown = rules.answerExplanation.validate(def, rules.initialState(def, []), { actor, requestId: 'X7', answer: 'x' }, T0)!;
    expect(inEveryLanguage((language) => describeRefusal(unknown, language))).toEqual({ vi: 'không có yêu cầu giải trình X7.', en: 'there is no request for explanation X7.' });
    expect(describeRefusal({ rule: 'notDecider', params: { level: 3 } }, 'vi')).toBe('người dùng không thuộc cấp có thẩm quyền quyết định mức 3.');
    expect(describeRefusal({ rule: 'taskClosed', params: { kind: 'ENDED' } }, 'en')).toBe('the task has ended; no action is possible.');
  });

  it('a rule or variant this API does not know: the worker’s own text if it sent one, else the rule', () => {
    expect(describeRefusal({ rule: 'missingCriteria', vi: 'thiếu minh chứng bắt buộc: REAL_USERS.', en: 'required evidence is missing: REAL_USERS.' }, 'en')).toBe('required evidence is missing: REAL_USERS.');
    expect(describeRefusal({ rule: 'somethingNew' }, 'vi')).toBe('somethingNew');
    expect(describeRefusal({ rule: 'alreadyDecided', params: { kind: 'somethingNew' } }, 'vi')).toBe('alreadyDecided');
  });

  it('every text has both languages, each variant too', () => {
    const texts = [...Object.values(REFUSAL_MESSAGES).flatMap((text) => ('variants' in text ? Object.values(text.variants) : [text])), ...Object.values(INPUT_PROBLEM_MESSAGES)];
    for (const text of texts) expect([text.vi.trim().length > 0, text.en.trim().length > 0, text.vi !== text.en]).toEqual([true, true, true]);
  });
});

describe(describeProblem.name, () => {
  it('renders each problem the evidence rules find, in the words the API has always used', () => {
    const problems = evidenceProblems(task({ requiredCriteria: ['REAL_USERS'] }), {
      verifiedData: { datasetUrl: 'https://x/data.csv' },
      measurableEffect: { kpi: 'k', unit: '%', baseline: 1, target: 2, achieved: 2, direction: 'DECREASE', method: 'm' },
    });
    expect(problems.map((problem) => [problem.field, problem.rule, describeProblem(problem, 'vi')])).toEqual([
      ['realUsers', 'required', 'mẫu nhiệm vụ yêu cầu tiêu chí REAL_USERS'],
      ['verifiedData', 'checksumOrCount', 'cần mã SHA-256 hoặc số bản ghi để kiểm chứng dữ liệu'],
      ['measurableEffect.direction', 'templateDirection', 'mẫu nhiệm vụ yêu cầu chỉ số theo hướng INCREASE'],
    ]);
    expect(describeProblem({ field: 'note', rule: 'noControlCharacters' }, 'en')).toBe('note contains characters that are not allowed (a control character or invalid Unicode).');
    expect(describeProblem({ field: 'realUsers.attestedActiveUsers', rule: 'headOnly' }, 'en')).toBe('only the head of the lead unit may attest a figure');
  });
});
