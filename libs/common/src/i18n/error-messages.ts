import type { Bilingual } from './language';

/** Every error a user can meet, in Vietnamese and English; `{x}` are parameters. */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: {
    vi: 'Dữ liệu gửi lên không hợp lệ.',
    en: 'The request data is invalid.',
  },
  MALFORMED_BODY: {
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  BODY_TOO_LARGE: {
    vi: 'Nội dung yêu cầu vượt quá giới hạn {limit}.',
    en: 'The request body exceeds the {limit} limit.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    vi: 'Kiểu nội dung không được hỗ trợ; hãy gửi application/json.',
    en: 'Unsupported content type; send application/json.',
  },
  UNAUTHENTICATED: {
    vi: 'Cần đăng nhập để thực hiện yêu cầu này.',
    en: 'You must sign in to make this request.',
  },
  FORBIDDEN: {
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  ROUTE_NOT_FOUND: {
    vi: 'Không có đường dẫn {method} {path}.',
    en: 'There is no route {method} {path}.',
  },
  NOT_FOUND: {
    vi: 'Không tìm thấy {resource} có mã {id}.',
    en: '{resource} {id} was not found.',
  },
  CONFLICT: {
    vi: 'Xung đột dữ liệu: {reason}',
    en: 'Conflict: {reason}',
  },
  TOO_MANY_REQUESTS: {
    vi: 'Quá nhiều yêu cầu; vui lòng thử lại sau.',
    en: 'Too many requests; please try again later.',
  },
  INVALID_CREDENTIALS: {
    vi: 'Email hoặc mật khẩu không đúng.',
    en: 'The email or password is incorrect.',
  },
  ACTION_PENDING: {
    vi: 'Thao tác đã được tiếp nhận và đang hoàn tất; gửi lại đúng yêu cầu này (cùng Idempotency-Key) sau {retryAfter} giây để nhận kết quả.',
    en: 'The action was accepted and is still completing; send this same request again (same Idempotency-Key) in {retryAfter} seconds for its result.',
  },
  SERVICE_UNAVAILABLE: {
    vi: 'Dịch vụ {service} tạm thời không sẵn sàng; vui lòng thử lại.',
    en: 'The {service} service is temporarily unavailable; please try again.',
  },
  INTERNAL: {
    vi: 'Lỗi hệ thống không mong muốn. Mã yêu cầu: {requestId}.',
    en: 'An unexpected error occurred. Request id: {requestId}.',
  },
  CLIENT_HEADER_REQUIRED: {
    vi: 'Phiên đăng nhập bằng cookie chỉ dùng được từ ứng dụng web dondoc: yêu cầu phải có tiêu đề X-Dondoc-Client: web.',
    en: 'A cookie session works only from the dondoc web app: the request needs the header X-Dondoc-Client: web.',
  },
  ACK_LINK_INVALID: {
    vi: 'Đường dẫn xác nhận tiếp nhận không hợp lệ; hãy đăng nhập và xác nhận trên trang nhiệm vụ.',
    en: 'The acknowledgement link is invalid; sign in and acknowledge on the task’s page.',
  },
  ACK_LINK_EXPIRED: {
    vi: 'Đường dẫn xác nhận tiếp nhận đã hết hạn; hãy đăng nhập và xác nhận trên trang nhiệm vụ.',
    en: 'The acknowledgement link has expired; sign in and acknowledge on the task’s page.',
  },
  ACK_LINK_USED: {
    vi: 'Đường dẫn xác nhận tiếp nhận này đã được sử dụng; mỗi đường dẫn chỉ dùng được một lần.',
    en: 'This acknowledgement link has already been used; each link works once.',
  },
  BAD_REQUEST: {
    vi: 'Yêu cầu không hợp lệ.',
    en: 'The request is invalid.',
  },
} satisfies Record<string, Bilingual>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Names of things that can be "not found", as shown to users. */
export const RESOURCE_NAMES = {
  diagnostic: { vi: 'lượt chẩn đoán', en: 'Diagnostic run' },
  user: { vi: 'người dùng', en: 'User' },
  unit: { vi: 'đơn vị', en: 'Unit' },
  template: { vi: 'mẫu nhiệm vụ', en: 'Template' },
  task: { vi: 'nhiệm vụ', en: 'Task' },
  assignment: { vi: 'đợt giao nhiệm vụ', en: 'Assignment' },
  notification: { vi: 'thông báo', en: 'Notification' },
  calendarOverride: { vi: 'ngày điều chỉnh của lịch làm việc', en: 'Calendar override' },
  scorecard: { vi: 'phiếu đánh giá quý', en: 'Scorecard' },
  scorecardFormula: { vi: 'phiên bản công thức đánh giá', en: 'Scorecard formula version' },
  briefing: { vi: 'tài liệu giao ban tuần', en: 'Weekly briefing' },
} satisfies Record<string, Bilingual>;

export type ResourceName = keyof typeof RESOURCE_NAMES;
