import { translate, type Bilingual, type Language } from '@dondoc/common';

/** Why a check failed, as a reviewer reads it (`{x}` are parameters). */
export const CHECK_REASONS = {
  UNSAFE_ADDRESS: { vi: 'địa chỉ {address} ({range}) không được phép truy cập', en: 'the address {address} ({range}) is not allowed' },
  BAD_SCHEME: { vi: 'chỉ chấp nhận http và https (nhận {scheme})', en: 'only http and https are accepted (got {scheme})' },
  DNS: { vi: 'không phân giải được tên miền {host}', en: 'the host {host} does not resolve' },
  CONNECTION: { vi: 'không kết nối được: {detail}', en: 'could not connect: {detail}' },
  TIMEOUT: { vi: 'không phản hồi trong {ms} ms', en: 'no answer within {ms} ms' },
  TOO_MANY_REDIRECTS: { vi: 'chuyển hướng quá {max} lần', en: 'more than {max} redirects' },
  TOO_LARGE: { vi: 'nội dung vượt quá {max} byte', en: 'the response exceeds {max} bytes' },
  CONTENT_TYPE: { vi: 'kiểu nội dung {type} không được chấp nhận', en: 'content type {type} is not accepted' },
  TLS: { vi: 'chứng chỉ TLS không hợp lệ: {detail}', en: 'invalid TLS certificate: {detail}' },
  HTTP_STATUS: { vi: 'mã phản hồi HTTP {status}', en: 'HTTP status {status}' },
  SLOW: { vi: 'phản hồi chậm {ms} ms (tối đa {max} ms)', en: 'slow answer {ms} ms (at most {max} ms)' },
  EXPECTED_TEXT: { vi: 'không thấy nội dung mong đợi "{text}"', en: 'the expected text "{text}" is missing' },
  EXPECTED_JSON: { vi: 'trường JSON {pointer} không có hoặc khác giá trị mong đợi', en: 'the JSON field {pointer} is missing or differs from the expected value' },
  NOT_JSON: { vi: 'nội dung không phải JSON hợp lệ', en: 'the response is not valid JSON' },
  NOT_A_NUMBER: { vi: 'giá trị tại {pointer} không phải là số', en: 'the value at {pointer} is not a number' },
  CHECKSUM: { vi: 'SHA-256 là {actual}, khác giá trị khai báo {expected}', en: 'the SHA-256 is {actual}, not the declared {expected}' },
  RECORD_COUNT: { vi: 'có {actual} bản ghi, khác số khai báo {expected}', en: '{actual} records, not the declared {expected}' },
  NOT_CSV: { vi: 'tệp CSV không đọc được: {detail}', en: 'the CSV cannot be read: {detail}' },
  BELOW_MINIMUM: { vi: '{value} người dùng hoạt động, dưới ngưỡng {minimum}', en: '{value} active users, below the minimum of {minimum}' },
  TARGET_NOT_REACHED: { vi: 'đạt {achieved}, chưa đạt mục tiêu {target} ({direction})', en: 'achieved {achieved}, short of the target {target} ({direction})' },
  WRONG_DIRECTION: { vi: 'mục tiêu {target} không theo hướng {direction} so với mức cơ sở {baseline}', en: 'the target {target} does not go {direction} from the baseline {baseline}' },
  CHECK_UNAVAILABLE: { vi: 'hệ thống tạm thời không thực hiện được việc kiểm tra; đề nghị nộp lại sau', en: 'dondoc could not run the check for now; please submit again later' },
} satisfies Record<string, Bilingual>;

export type CheckReasonCode = keyof typeof CHECK_REASONS;

/** A reason a check failed: its code and parameters (rendered in the reader's language). */
export interface CheckReason {
  code: CheckReasonCode;
  params?: Record<string, string | number>;
}

/** A failure of a safe request, carrying its reason. */
export class CheckFailure extends Error {
  constructor(readonly reason: CheckReason) {
    super(`${reason.code} ${JSON.stringify(reason.params ?? {})}`);
    this.name = 'CheckFailure';
  }
}

/** The four criteria as a reader names them. */
export const CRITERION_NAMES = {
  OPERATING_PRODUCT: { vi: 'Sản phẩm vận hành', en: 'Operating product' },
  VERIFIED_DATA: { vi: 'Dữ liệu kiểm chứng', en: 'Verified data' },
  REAL_USERS: { vi: 'Người dùng thực', en: 'Real users' },
  MEASURABLE_EFFECT: { vi: 'Hiệu quả đo được', en: 'Measurable effect' },
} satisfies Record<string, Bilingual>;

const NUMBERS: Record<Language, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };

/** One reason in the reader's language, numbers written the reader's way (an unknown code is shown as is). */
export function describeReason(reason: { code: string; params?: Record<string, string | number> }, language: Language): string {
  const text = (CHECK_REASONS as Record<string, Bilingual>)[reason.code];
  if (!text) return reason.code;
  const params = Object.fromEntries(Object.entries(reason.params ?? {}).map(([key, value]) => [key, typeof value === 'number' ? NUMBERS[language].format(value) : value]));
  return translate(text, language, params);
}

/** Failed criteria with their reasons, as one sentence per criterion. */
export function describeFailures(failed: { criterion: string; reasons: { code: string; params?: Record<string, string | number> }[] }[], language: Language): string {
  return failed
    .map(({ criterion, reasons }) => {
      const name = (CRITERION_NAMES as Record<string, Bilingual>)[criterion]?.[language] ?? criterion;
      return `${name}: ${reasons.map((r) => describeReason(r, language)).join('; ')}.`;
    })
    .join(' ');
}
