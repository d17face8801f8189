import * as Joi from 'joi';

/** Values that only exist so a laptop works without configuration; production refuses them. */
export const DEVELOPMENT_DEFAULTS = {
  ADMIN_EMAIL: 'admin@dondoc.local',
  ADMIN_PASSWORD: 'dondoc-admin-2026',
  JWT_SECRET: 'dondoc-development-only-secret-change-me',
} as const;

export type NodeEnv = 'development' | 'production' | 'test';

/** Every environment variable dondoc reads, after validation and defaults. */
export interface Env {
  NODE_ENV: NodeEnv;
  HOST: string;
  PORT: number;
  PUBLIC_URL: string;
  CORS_ORIGINS: string;
  BODY_LIMIT: string;
  LOG_LEVEL: string;
  DATABASE_URL: string;
  DATABASE_SSL: boolean;
  DATABASE_POOL_SIZE: number;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TASK_QUEUE: string;
  TEMPORAL_TLS: boolean;
  TEMPORAL_TLS_CERT_PATH?: string;
  TEMPORAL_TLS_KEY_PATH?: string;
  TEMPORAL_TLS_CA_PATH?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
  TEMPORAL_API_KEY?: string;
  WORKFLOW_BUNDLE_PATH?: string;
  SMTP_URL: string;
  MAIL_FROM: string;
  DEV_MAILBOX_URL?: string;
  ADMIN_EMAIL?: string;
  ADMIN_PASSWORD?: string;
  JWT_SECRET: string;
  JWT_ACCESS_TTL_SECONDS: number;
  JWT_REFRESH_TTL_SECONDS: number;
  AUTH_MAX_FAILED_LOGINS: number;
  AUTH_LOCKOUT_SECONDS: number;
  AUTH_RATE_LIMIT_IP_PER_MINUTE: number;
  AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE: number;
  TRUST_PROXY: string;
  MAIL_SEND_CONCURRENCY: number;
  MAIL_POLL_INTERVAL_MS: number;
  NOTIFY_WORKING_HOURS_ONLY: boolean;
  TASK_CONTINUE_AS_NEW_EVENTS: number;
  TASK_START_CONCURRENCY: number;
  ASSIGNMENT_SWEEP_INTERVAL_MS: number;
  ASSIGNMENT_SWEEP_AGE_MS: number;
  REPORT_SCHEDULES_PAUSED: boolean;
  BRIEFING_MOST_OVERDUE: number;
  BRIEFING_RECIPIENTS: string;
  SCORECARD_QUARTERS: 'calendar' | 'nd09';
  CHROMIUM_PATH?: string;
  ACTIVITY_ALERT_ATTEMPTS: number;
  TASK_ACTION_WAIT_MS: number;
  TASK_ACK_LINK_TTL_DAYS: number;
  EVIDENCE_ALLOWED_HOSTS: string;
  EVIDENCE_TLS_CA_PATH?: string;
  EVIDENCE_TIMEOUT_MS: number;
  EVIDENCE_MAX_RESPONSE_BYTES: number;
  EVIDENCE_MAX_DATASET_BYTES: number;
  EVIDENCE_MAX_REDIRECTS: number;
  EVIDENCE_CHECK_CONCURRENCY: number;
  CALENDAR_END_OF_DAY: string;
  CALENDAR_START_OF_DAY: string;
  CALENDAR_REST_DAYS: string;
  NOTIFY_UNTIL: string;
  CALENDAR_CHANGE_SWEEP_INTERVAL_MS: number;
  CALENDAR_CHANGE_SWEEP_AGE_MS: number;
  STATISTICS_SNAPSHOT_INTERVAL_MS: number;
  STATISTICS_SNAPSHOT_MAX_AGE_MS: number;
}

const hostPort = Joi.string()
  .pattern(/^[A-Za-z0-9.-]+:\d{1,5}$/)
  .messages({ 'string.pattern.base': '{{#label}} must look like host:port' });

const clock = Joi.string()
  .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
  .messages({ 'string.pattern.base': '{{#label}} must be a time HH:mm, e.g. 17:00' });

/** Joi schema of the environment; production-only rules are applied in `validateEnv`. */
export const envSchema = Joi.object<Env>({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  HOST: Joi.string().hostname().default('127.0.0.1'),
  PORT: Joi.number().port().min(1).default(3000),
  PUBLIC_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  CORS_ORIGINS: Joi.string().allow('').default(''),
  BODY_LIMIT: Joi.string()
    .pattern(/^\d+(b|kb|mb)$/i)
    .default('1mb')
    .messages({ 'string.pattern.base': '{{#label}} must be a size such as 512kb or 1mb' }),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  DATABASE_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }).required(),
  DATABASE_SSL: Joi.boolean().truthy('1').falsy('0').default(false),
  DATABASE_POOL_SIZE: Joi.number().integer().min(1).max(200).default(10),
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: Joi.string()
    .pattern(/^[A-Za-z0-9._-]+$/)
    .default('default'),
  TEMPORAL_TASK_QUEUE: Joi.string()
    .pattern(/^[A-Za-z0-9._-]+$/)
    .default('dondoc'),
  TEMPORAL_TLS: Joi.boolean().truthy('1').falsy('0').default(false),
  TEMPORAL_TLS_CERT_PATH: Joi.string(),
  TEMPORAL_TLS_KEY_PATH: Joi.string(),
  TEMPORAL_TLS_CA_PATH: Joi.string(),
  TEMPORAL_TLS_SERVER_NAME: Joi.string().hostname(),
  TEMPORAL_API_KEY: Joi.string(),
  WORKFLOW_BUNDLE_PATH: Joi.string(),
  SMTP_URL: Joi.string().uri({ scheme: ['smtp', 'smtps'] }).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: Joi.string().default('"dondoc" <no-reply@dondoc.local>'),
  DEV_MAILBOX_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  ADMIN_EMAIL: Joi.string().email({ tlds: false }),
  ADMIN_PASSWORD: Joi.string().min(12).max(256),
  JWT_SECRET: Joi.string().min(32),
  JWT_ACCESS_TTL_SECONDS: Joi.number().integer().min(30).max(86_400).default(900),
  JWT_REFRESH_TTL_SECONDS: Joi.number().integer().min(300).max(90 * 86_400).default(14 * 86_400),
  AUTH_MAX_FAILED_LOGINS: Joi.number().integer().min(1).max(100).default(5),
  AUTH_LOCKOUT_SECONDS: Joi.number().integer().min(1).max(86_400).default(900),
  AUTH_RATE_LIMIT_IP_PER_MINUTE: Joi.number().integer().min(1).max(100_000).default(30),
  AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE: Joi.number().integer().min(1).max(100_000).default(10),
  TRUST_PROXY: Joi.string()
    .pattern(/^(false|true|loopback|\d+|[0-9a-fA-F.:/,\s]+)$/)
    .default('false')
    .messages({ 'string.pattern.base': '{{#label}} must be false, true, loopback, a hop count or addresses/CIDRs' }),
  MAIL_SEND_CONCURRENCY: Joi.number().integer().min(1).max(64).default(4),
  MAIL_POLL_INTERVAL_MS: Joi.number().integer().min(50).max(60_000).default(500),
  NOTIFY_WORKING_HOURS_ONLY: Joi.boolean().truthy('1').falsy('0').default(true),
  TASK_CONTINUE_AS_NEW_EVENTS: Joi.number().integer().min(20).max(50_000).default(2_000),
  TASK_START_CONCURRENCY: Joi.number().integer().min(1).max(256).default(16),
  ASSIGNMENT_SWEEP_INTERVAL_MS: Joi.number().integer().min(200).max(3_600_000).default(15_000),
  ASSIGNMENT_SWEEP_AGE_MS: Joi.number().integer().min(0).max(3_600_000).default(30_000),
  REPORT_SCHEDULES_PAUSED: Joi.boolean().truthy('1').falsy('0').default(false),
  BRIEFING_MOST_OVERDUE: Joi.number().integer().min(1).max(500).default(20),
  BRIEFING_RECIPIENTS: Joi.string().allow('').max(10_000).default(''),
  SCORECARD_QUARTERS: Joi.string().valid('calendar', 'nd09').default('calendar'),
  CHROMIUM_PATH: Joi.string().max(1_000),
  ACTIVITY_ALERT_ATTEMPTS: Joi.number().integer().min(2).max(1_000).default(5),
  TASK_ACTION_WAIT_MS: Joi.number().integer().min(100).max(600_000).default(20_000),
  TASK_ACK_LINK_TTL_DAYS: Joi.number().integer().min(1).max(365).default(30),
  EVIDENCE_ALLOWED_HOSTS: Joi.string()
    .allow('')
    .pattern(/^[A-Za-z0-9.:/,\s_-]*$/)
    .default('')
    .messages({ 'string.pattern.base': '{{#label}} must list host names, addresses or CIDRs, separated by commas' }),
  EVIDENCE_TLS_CA_PATH: Joi.string(),
  EVIDENCE_TIMEOUT_MS: Joi.number().integer().min(100).max(120_000).default(10_000),
  EVIDENCE_MAX_RESPONSE_BYTES: Joi.number().integer().min(1_024).max(100 * 1024 * 1024).default(1024 * 1024),
  EVIDENCE_MAX_DATASET_BYTES: Joi.number().integer().min(1_024).max(2 * 1024 * 1024 * 1024).default(50 * 1024 * 1024),
  EVIDENCE_MAX_REDIRECTS: Joi.number().integer().min(0).max(20).default(5),
  EVIDENCE_CHECK_CONCURRENCY: Joi.number().integer().min(1).max(200).default(8),
  CALENDAR_END_OF_DAY: clock.default('17:00'),
  CALENDAR_START_OF_DAY: clock.default('08:00'),
  CALENDAR_REST_DAYS: Joi.string()
    .pattern(/^\s*[0-6](\s*,\s*[0-6]){0,5}\s*$/)
    .default('6,0')
    .messages({ 'string.pattern.base': '{{#label}} must list weekdays 0 (Sunday) … 6 (Saturday), separated by commas, e.g. 6,0' }),
  NOTIFY_UNTIL: clock.default('20:00'),
  CALENDAR_CHANGE_SWEEP_INTERVAL_MS: Joi.number().integer().min(200).max(3_600_000).default(15_000),
  CALENDAR_CHANGE_SWEEP_AGE_MS: Joi.number().integer().min(0).max(3_600_000).default(30_000),
  // 0: the worker builds no statistics snapshot (every statistic is counted live).
  STATISTICS_SNAPSHOT_INTERVAL_MS: Joi.alternatives().try(Joi.number().valid(0), Joi.number().integer().min(1_000).max(86_400_000)).default(60_000),
  STATISTICS_SNAPSHOT_MAX_AGE_MS: Joi.number().integer().min(0).max(86_400_000).default(150_000),
})
  .and('TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_KEY_PATH')
  .and('ADMIN_EMAIL', 'ADMIN_PASSWORD')
  .unknown(true);

/** Raised when the environment is invalid; its message names every offending variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      ['Cấu hình không hợp lệ / Invalid configuration:', ...problems.map((problem) => `  - ${problem}`)].join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}

/** DATABASE_SSL read as the application reads it, for tools that run without the rest of the configuration (migrations). */
export function databaseSslFrom(raw: Record<string, unknown>): boolean {
  const result: Joi.ValidationResult<boolean> = envSchema.extract('DATABASE_SSL').label('DATABASE_SSL').validate(raw.DATABASE_SSL, { convert: true });
  if (result.error) throw new ConfigValidationError([`DATABASE_SSL: ${result.error.message}`]);
  return result.value;
}

/** Validates the raw environment, applies defaults and the stricter production rules. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const result = envSchema.validate(raw, { abortEarly: false, convert: true });
  if (result.error) {
    throw new ConfigValidationError(
      result.error.details.map((detail) => `${String(detail.path[0] ?? detail.context?.label)}: ${detail.message}`),
    );
  }
  const env = result.value;
  const problems: string[] = [];
  if (env.NODE_ENV === 'production') {
    if (!env.JWT_SECRET) problems.push('JWT_SECRET: is required in production (at least 32 characters)');
    else if (env.JWT_SECRET === DEVELOPMENT_DEFAULTS.JWT_SECRET)
      problems.push('JWT_SECRET: the development default must not be used in production');
    if (env.ADMIN_PASSWORD === DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD)
      problems.push('ADMIN_PASSWORD: the development default must not be used in production');
    if (!raw.PUBLIC_URL) problems.push('PUBLIC_URL: is required in production (the address users open)');
    if (!raw.SMTP_URL) problems.push('SMTP_URL: is required in production');
    if (!raw.TEMPORAL_ADDRESS) problems.push('TEMPORAL_ADDRESS: is required in production');
  } else {
    env.JWT_SECRET ??= DEVELOPMENT_DEFAULTS.JWT_SECRET;
    if (!env.ADMIN_EMAIL) {
      env.ADMIN_EMAIL = DEVELOPMENT_DEFAULTS.ADMIN_EMAIL;
      env.ADMIN_PASSWORD = DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD;
    }
  }
  if (env.CALENDAR_START_OF_DAY >= env.CALENDAR_END_OF_DAY) {
    problems.push('CALENDAR_END_OF_DAY: must be after CALENDAR_START_OF_DAY');
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  env.PUBLIC_URL ??= `http://localhost:${env.PORT}`;
  return env;
}
