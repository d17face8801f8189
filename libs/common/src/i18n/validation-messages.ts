import type { Bilingual } from './language';

/**
 * Messages for class-validator rules, by rule name. `{field}` is the property path and
 * `{0}`, `{1}` the rule's arguments (e.g. the minimum of `min`).
 */
export const VALIDATION_MESSAGES: Record<string, Bilingual> = {
  isDefined: { vi: '{field} là bắt buộc', en: '{field} is required' },
  notNull: { vi: '{field} không được là null (bỏ trường này đi nếu không muốn thay đổi)', en: '{field} must not be null (leave the field out to keep it unchanged)' },
  isNotEmpty: { vi: '{field} không được để trống', en: '{field} must not be empty' },
  isNotEmptyObject: { vi: '{field} không được để trống', en: '{field} must not be empty' },
  whitelistValidation: { vi: 'trường {field} không được phép', en: 'property {field} is not allowed' },
  isString: { vi: '{field} phải là chuỗi ký tự', en: '{field} must be a string' },
  isEmail: { vi: '{field} phải là địa chỉ email hợp lệ', en: '{field} must be a valid email address' },
  isUrl: { vi: '{field} phải là URL hợp lệ (http hoặc https)', en: '{field} must be a valid URL (http or https)' },
  isUUID: { vi: '{field} phải là UUID hợp lệ', en: '{field} must be a valid UUID' },
  isUuid: { vi: '{field} phải là UUID hợp lệ', en: '{field} must be a valid UUID' },
  isInt: { vi: '{field} phải là số nguyên', en: '{field} must be an integer' },
  isNumber: { vi: '{field} phải là số', en: '{field} must be a number' },
  isBoolean: { vi: '{field} phải là true hoặc false', en: '{field} must be true or false' },
  isArray: { vi: '{field} phải là danh sách', en: '{field} must be a list' },
  isObject: { vi: '{field} phải là đối tượng', en: '{field} must be an object' },
  nestedValidation: { vi: '{field} phải là đối tượng hợp lệ', en: '{field} must be a valid object' },
  isIn: { vi: '{field} phải là một trong: {0}', en: '{field} must be one of: {0}' },
  isEnum: { vi: '{field} phải là một trong: {0}', en: '{field} must be one of: {0}' },
  min: { vi: '{field} không được nhỏ hơn {0}', en: '{field} must not be less than {0}' },
  max: { vi: '{field} không được lớn hơn {0}', en: '{field} must not be greater than {0}' },
  minLength: { vi: '{field} phải có ít nhất {0} ký tự', en: '{field} must be at least {0} characters long' },
  maxLength: { vi: '{field} không được dài quá {0} ký tự', en: '{field} must be at most {0} characters long' },
  arrayMinSize: { vi: '{field} phải có ít nhất {0} phần tử', en: '{field} must contain at least {0} items' },
  arrayMaxSize: { vi: '{field} không được có quá {0} phần tử', en: '{field} must contain at most {0} items' },
  arrayUnique: { vi: '{field} không được có phần tử trùng lặp', en: '{field} must not contain duplicates' },
  isISO8601: {
    vi: '{field} phải là thời điểm theo ISO 8601 (ví dụ 2026-12-31T17:00:00+07:00)',
    en: '{field} must be an ISO 8601 date-time (e.g. 2026-12-31T17:00:00+07:00)',
  },
  // class-validator names the rule of @IsISO8601 `isIso8601`.
  isIso8601: {
    vi: '{field} phải là thời điểm theo ISO 8601 (ví dụ 2026-12-31T17:00:00+07:00)',
    en: '{field} must be an ISO 8601 date-time (e.g. 2026-12-31T17:00:00+07:00)',
  },
  isDateString: {
    vi: '{field} phải là thời điểm theo ISO 8601 (ví dụ 2026-12-31T17:00:00+07:00)',
    en: '{field} must be an ISO 8601 date-time (e.g. 2026-12-31T17:00:00+07:00)',
  },
  matches: { vi: '{field} có định dạng không hợp lệ', en: '{field} has an invalid format' },
  isPhoneNumber: { vi: '{field} phải là số điện thoại hợp lệ', en: '{field} must be a valid phone number' },
  isDuration: {
    vi: '{field} phải là khoảng thời gian như 7d, 36h, 30s hoặc P7D (ít nhất {0} giây, nhiều nhất 50 năm)',
    en: '{field} must be a duration such as 7d, 36h, 30s or P7D (at least {0} seconds, at most 50 years)',
  },
  isTerm: {
    vi: '{field} phải là thời hạn như 10wd, 7d, 36h, 30s hoặc P7D (wd: ngày làm việc; ít nhất {0} giây, nhiều nhất 50 năm)',
    en: '{field} must be a term such as 10wd, 7d, 36h, 30s or P7D (wd: working days; at least {0} seconds, at most 50 years)',
  },
  wellFormedText: {
    vi: '{field} chứa ký tự Unicode không hợp lệ (nửa cặp thay thế UTF-16)',
    en: '{field} contains invalid Unicode (a lone UTF-16 surrogate)',
  },
  noControlCharacters: {
    vi: '{field} không được chứa ký tự điều khiển (như NUL)',
    en: '{field} must not contain control characters (such as NUL)',
  },
  singleLine: { vi: '{field} phải nằm trên một dòng (không có tab hay xuống dòng)', en: '{field} must be a single line (no tab or line break)' },
  maxDepth: { vi: '{field} lồng nhau quá sâu (tối đa 32 mức)', en: '{field} is nested too deeply (at most 32 levels)' },
  forbiddenKey: { vi: 'tên trường {field} không được phép', en: 'the property name {field} is not allowed' },
  isStrongPassword: {
    vi: '{field} phải có ít nhất 12 ký tự, gồm chữ hoa, chữ thường và chữ số',
    en: '{field} must have at least 12 characters with upper-case, lower-case letters and digits',
  },
};

export const UNKNOWN_RULE_MESSAGE: Bilingual = {
  vi: '{field} không hợp lệ ({rule})',
  en: '{field} is invalid ({rule})',
};
