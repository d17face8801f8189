import { LANGUAGES, translate, type Bilingual, type Language } from '@dondoc/common';
import type { InputProblem, InputRule, Refusal, RefusalParams, RefusalRule } from '@dondoc/workflows/task/task.types';

/** A text, or one text per variant of the rule (the `kind` parameter picks it). */
type RuleText = Bilingual | { variants: Record<string, Bilingual> };

/**
 * Why an action on a task is refused, as its reader reads it (`{x}` are parameters): the task's
 * workflow refuses with a rule and parameters, the API answers 409 with the text. The service's own
 * conflicts (a task whose workflow has ended) use the same texts.
 */
export const REFUSAL_MESSAGES = {
  taskClosed: {
    variants: {
      DONE: { vi: 'nhiệm vụ đã hoàn thành; không thể thực hiện thao tác này.', en: 'the task is done; no action is possible.' },
      CANCELLED: { vi: 'nhiệm vụ đã huỷ; không thể thực hiện thao tác này.', en: 'the task is cancelled; no action is possible.' },
      ENDED: { vi: 'nhiệm vụ đã kết thúc; không thể thực hiện thao tác này.', en: 'the task has ended; no action is possible.' },
    },
  },
  underReview: { vi: 'minh chứng đang chờ duyệt; hãy chờ kết quả duyệt.', en: 'evidence is awaiting review; wait for the review.' },
  newDueAt: { vi: 'thời hạn mới không hợp lệ.', en: 'the new due time is not valid.' },
  laterDue: {
    variants: {
      newDueAt: { vi: 'thời hạn mới phải sau thời hạn hiện tại và sau thời điểm này.', en: 'the new due time must be after the current one and in the future.' },
      requestPassed: { vi: 'thời hạn đề nghị đã qua; đơn vị cần đề nghị thời hạn mới.', en: 'the requested due time has passed; the unit must ask for a new one.' },
    },
  },
  invalidText: { vi: '{field} chứa ký tự không hợp lệ (ký tự điều khiển hoặc Unicode không hợp lệ).', en: '{field} contains characters that are not allowed (a control character or invalid Unicode).' },
  invalidEvidence: { vi: 'minh chứng chưa đúng quy định.', en: 'the evidence does not meet the rules.' },
  alreadyAcknowledged: { vi: 'nhiệm vụ đã được xác nhận tiếp nhận.', en: 'the task was already acknowledged.' },
  extensionPending: { vi: 'đã có một đề nghị gia hạn đang chờ quyết định.', en: 'an extension request is already awaiting a decision.' },
  unknownRequest: {
    variants: {
      extension: { vi: 'không có đề nghị gia hạn {requestId}.', en: 'there is no extension request {requestId}.' },
      explanation: { vi: 'không có yêu cầu giải trình {requestId}.', en: 'there is no request for explanation {requestId}.' },
      beyondAuthority: { vi: 'không có đề nghị xin ý kiến {requestId}.', en: 'there is no matter beyond authority {requestId}.' },
      blocker: { vi: 'không có vướng mắc {requestId}.', en: 'there is no blocker {requestId}.' },
    },
  },
  alreadyDecided: {
    variants: {
      extension: { vi: 'đề nghị gia hạn này đã được quyết định.', en: 'this extension request was already decided.' },
      beyondAuthority: { vi: 'đề nghị xin ý kiến này đã được quyết định.', en: 'this matter was already decided.' },
      escalation: { vi: 'đề xuất này đã được quyết định.', en: 'this proposal was already decided.' },
      blocker: { vi: 'vướng mắc này đã được cấp trên quyết định.', en: 'a leader has already decided on this blocker.' },
    },
  },
  commentRequired: { vi: 'cần nêu lý do khi từ chối.', en: 'a comment is required to reject.' },
  futureDeadline: { vi: 'hạn giải trình phải ở tương lai.', en: 'the deadline for the explanation must be in the future.' },
  alreadyAnswered: { vi: 'yêu cầu giải trình này đã được trả lời.', en: 'this request for explanation was already answered.' },
  beyondAuthorityPending: { vi: 'đã có một đề nghị xin ý kiến cấp trên đang chờ quyết định.', en: 'a matter beyond authority is already awaiting a decision.' },
  newLeadUnitId: { vi: 'cần chọn đơn vị chủ trì mới.', en: 'a new lead unit is required.' },
  sameUnit: { vi: 'đơn vị mới phải khác đơn vị đang chủ trì.', en: 'the new lead unit must differ from the current one.' },
  unknownProposal: { vi: 'không có đề xuất báo cáo cấp trên {requestId}.', en: 'there is no escalation proposal {requestId}.' },
  superseded: { vi: 'đề xuất này không còn hiệu lực (thời hạn đã thay đổi hoặc nhiệm vụ đã kết thúc).', en: 'this proposal no longer applies (the due time changed or the task ended).' },
  notDecider: { vi: 'người dùng không thuộc cấp có thẩm quyền quyết định mức {level}.', en: 'you are not among the deciders of level {level}.' },
  nothingToReview: { vi: 'không có minh chứng nào đang chờ duyệt.', en: 'there is no evidence awaiting review.' },
  reasonsRequired: { vi: 'khi từ chối cần nêu lý do cho từng tiêu chí không đạt.', en: 'to reject, give a reason for each criterion that fails.' },
  verificationRunning: { vi: 'minh chứng đang được hệ thống kiểm tra; chỉ duyệt được khi kiểm tra xong.', en: 'the evidence is still being checked; it can be approved once the checks finish.' },
  notVerified: { vi: 'chưa thể duyệt: tiêu chí chưa được kiểm chứng: {criteria}.', en: 'cannot approve: criteria not verified: {criteria}.' },
  noAfterCare: { vi: 'nhiệm vụ không trong giai đoạn theo dõi sau hoàn thành.', en: 'the task is not in after-care.' },
  taskStarting: { vi: 'nhiệm vụ đang được khởi tạo cùng đợt giao; vui lòng thử lại sau ít giây.', en: 'the task is still being started with its plan; please try again in a few seconds.' },
  recordRejected: { vi: 'dữ liệu của thao tác không lưu được; thao tác không được thực hiện.', en: 'the action’s data could not be stored; nothing was changed.' },
  invalidBlocker: { vi: 'thông tin vướng mắc chưa hợp lệ.', en: 'the blocker is not valid.' },
  blockerOpen: { vi: 'đã có một vướng mắc đang mở với đơn vị này.', en: 'a blocker on this unit is already open.' },
  blockerResolved: { vi: 'vướng mắc này đã được giải quyết.', en: 'this blocker is already resolved.' },
  tooManyBlockers: { vi: 'nhiệm vụ đã có tối đa {max} vướng mắc.', en: 'the task already has the maximum of {max} blockers.' },
} satisfies Record<RefusalRule, RuleText>;

/** What is wrong with one field of an action's input (the API answers 400 naming it). */
export const INPUT_PROBLEM_MESSAGES = {
  noControlCharacters: { vi: '{field} chứa ký tự không hợp lệ (ký tự điều khiển hoặc Unicode không hợp lệ).', en: '{field} contains characters that are not allowed (a control character or invalid Unicode).' },
  documentsOnly: {
    vi: 'minh chứng phải chứng minh kết quả thực (sản phẩm vận hành, dữ liệu kiểm chứng, người dùng thực, hiệu quả đo được); văn bản, kế hoạch, biên bản chỉ là tài liệu kèm theo',
    en: 'evidence must show a working result (operating product, verified data, real users, measurable effect); documents, plans and minutes are supporting material only',
  },
  required: { vi: 'mẫu nhiệm vụ yêu cầu tiêu chí {criterion}', en: 'the template requires the criterion {criterion}' },
  checksumOrCount: { vi: 'cần mã SHA-256 hoặc số bản ghi để kiểm chứng dữ liệu', en: 'a SHA-256 or a record count is needed to verify the data' },
  sourceRequired: { vi: 'cần địa chỉ số liệu (metricsUrl và jsonPointer) hoặc số liệu do người đứng đầu xác nhận', en: 'a metrics URL with a JSON pointer, or a figure attested by the head, is required' },
  attestationNotAllowed: { vi: 'mẫu nhiệm vụ không chấp nhận số liệu tự khai; hãy cung cấp metricsUrl', en: 'the template does not accept an attested figure; give a metricsUrl' },
  requiredWithSource: { vi: 'cần jsonPointer của giá trị đạt được tại sourceUrl', en: 'the JSON pointer of the achieved value at sourceUrl is required' },
  afterFrom: { vi: 'periodTo phải sau periodFrom', en: 'periodTo must be after periodFrom' },
  templateDirection: { vi: 'mẫu nhiệm vụ yêu cầu chỉ số theo hướng {direction}', en: 'the template requires the KPI to {direction}' },
  reasonOutsideTask: { vi: 'cần nêu lý do khi đơn vị gây vướng mắc không phải đơn vị phối hợp của nhiệm vụ', en: 'a reason is required when the blocking unit is not one of the task’s coordinating units' },
  notLeadUnit: { vi: 'đơn vị gây vướng mắc phải khác đơn vị chủ trì', en: 'the blocking unit must differ from the lead unit' },
  notInFuture: { vi: '{field} không được ở tương lai', en: '{field} must not be in the future' },
  notBeforeAssignment: { vi: '{field} không được trước thời điểm giao nhiệm vụ ({assignedAt})', en: '{field} must not be before the task was assigned ({assignedAt})' },
  notEmpty: { vi: '{field} không được để trống', en: '{field} must not be empty' },
  instant: { vi: '{field} phải là thời điểm theo ISO 8601', en: '{field} must be an ISO 8601 date and time' },
  // The API's own: it depends on the caller's role, which the workflow does not know.
  headOnly: { vi: 'chỉ người đứng đầu đơn vị chủ trì được xác nhận số liệu tự khai', en: 'only the head of the lead unit may attest a figure' },
} satisfies Record<InputRule | 'headOnly', Bilingual>;

/**
 * A refusal as its details arrive from the workflow: parsed JSON, possibly written by a worker
 * older or newer than this API (a rule it does not know; the inline texts of workers before the
 * catalogue).
 */
export type ReceivedRefusal = Omit<Refusal, 'rule'> & { rule: string; vi?: string; en?: string };

/** A rule's text in one language, the variant its `kind` names; undefined for a rule or variant this API does not know. */
function ruleText(text: RuleText | undefined, params: RefusalParams, language: Language): string | undefined {
  const chosen = text && 'variants' in text ? text.variants[String(params.kind)] : text;
  return chosen ? translate(chosen, language, params) : undefined;
}

/** Why an action was refused, in the reader's language (an unknown rule: the worker's own text, else the rule itself). */
export function describeRefusal(refusal: ReceivedRefusal, language: Language): string {
  const params = { ...(refusal.field ? { field: refusal.field } : {}), ...refusal.params };
  return ruleText((REFUSAL_MESSAGES as Record<string, RuleText>)[refusal.rule], params, language) ?? refusal[language] ?? refusal.rule;
}

/** What is wrong with a field of the input, in the reader's language. */
export function describeProblem(problem: Omit<InputProblem, 'rule'> & { rule: string }, language: Language): string {
  return ruleText((INPUT_PROBLEM_MESSAGES as Record<string, RuleText>)[problem.rule], { field: problem.field, ...problem.params }, language) ?? problem.rule;
}

/** A text rendered in every language, for an error the exception filter renders in the reader's. */
export function inEveryLanguage(render: (language: Language) => string): Bilingual {
  return Object.fromEntries(LANGUAGES.map((language) => [language, render(language)])) as Bilingual;
}
