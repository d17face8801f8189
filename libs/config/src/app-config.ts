import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env, NodeEnv } from './env.schema';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  tls: boolean;
  tlsCertPath?: string;
  tlsKeyPath?: string;
  tlsCaPath?: string;
  tlsServerName?: string;
  apiKey?: string;
  workflowBundlePath?: string;
}

/** Typed, validated configuration; the only way application code reads the environment. */
@Injectable()
export class AppConfig {
  readonly env: NodeEnv;
  readonly isProduction: boolean;
  readonly http: { host: string; port: number; publicUrl: string; corsOrigins: string[]; bodyLimit: string };
  readonly log: { level: string };
  readonly database: { url: string; ssl: boolean; poolSize: number };
  readonly temporal: TemporalSettings;
  readonly mail: { smtpUrl: string; from: string; devMailboxUrl?: string; sendConcurrency: number; pollIntervalMs: number };
  /**
   * When task emails go out: `workingHoursOnly` is the default for templates that do not say (hold
   * what falls on a day off or at night, after `calendar.notifyUntil`, until the start of the next working day).
   */
  readonly notify: { workingHoursOnly: boolean };
  readonly admin: { email?: string; password?: string };
  readonly auth: {
    jwtSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    maxFailedLogins: number;
    lockoutSeconds: number;
    rateLimitIpPerMinute: number;
    rateLimitAccountPerMinute: number;
  };
  /**
   * `actionWaitMs`: how long the API waits for an action's Update before answering 503 (it still completes).
   * `ackLinkTtlDays`: how long the one-step acknowledgement link of an email works.
   */
  /**
   * `startConcurrency`: how many task workflows one assignment starts at once (a plan in bulk, or a page of a plan
   * assignment). `assignmentSweepIntervalMs`, `assignmentSweepAgeMs`: how often the worker starts the plan
   * assignments nobody started, and how old they must be.
   */
  readonly tasks: { continueAsNewAfterEvents: number; actionWaitMs: number; ackLinkTtlDays: number; startConcurrency: number; assignmentSweepIntervalMs: number; assignmentSweepAgeMs: number };
  /**
   * The weekly briefing and the quarterly scorecard. `schedulesPaused`: their Temporal Schedules are
   * created paused (the test stack; a run is then triggered or backfilled by hand). `briefingMostOverdue`:
   * how many of the most overdue tasks a pack lists. `briefingRecipients`: who receives the pack besides
   * the defaults (comma-separated emails of users, or `head:<unit code>`). `scorecardQuarters`: calendar
   * quarters, or the reporting periods of Nghị định 09/2019 (15th to 14th).
   */
  readonly reports: { schedulesPaused: boolean; briefingMostOverdue: number; briefingRecipients: string; scorecardQuarters: 'calendar' | 'nd09' };
  /** `chromiumPath`: a headless Chromium that prints the reports to PDF (the briefing's email attaches it); none: XLSX only. */
  readonly printing: { chromiumPath?: string };
  /** An activity that has failed this many times raises an alert (logs, `/api/health`). */
  readonly activityAlertAttempts: number;
  readonly evidence: {
    allowedHosts: string;
    tlsCaPath?: string;
    timeoutMs: number;
    maxResponseBytes: number;
    maxDatasetBytes: number;
    maxRedirects: number;
    /** Checks one worker runs at once, on their own task queue (`checksTaskQueue`). */
    checkConcurrency: number;
  };
  /**
   * The working-day calendar (Asia/Ho_Chi_Minh): weekly rest days (0 Sunday … 6 Saturday), when a working day starts,
   * when a term in working days ends on its last day (Civil Code 2015 Art. 148), and until when notifications go out
   * on a working day before they wait for the next one. `changeSweepIntervalMs`, `changeSweepAgeMs`: how often the
   * worker starts the recalculation of calendar changes nobody finished, and how old they must be.
   */
  /**
   * The statistics snapshot: how often the worker counts the official statistic set per unit (0: never), and how old
   * a snapshot may be for `GET /api/reports/statistics` without `asOf` to answer from it (0: always count live).
   */
  readonly statistics: { snapshotIntervalMs: number; snapshotMaxAgeMs: number };
  readonly calendar: { restDays: number[]; startOfDay: string; endOfDay: string; notifyUntil: string; changeSweepIntervalMs: number; changeSweepAgeMs: number };
  /** Express `trust proxy`: which hops may set X-Forwarded-For (for per-address limits behind a proxy). */
  readonly trustProxy: boolean | number | string;

  constructor(config: ConfigService<Env, true>) {
    const get = <K extends keyof Env>(key: K): Env[K] => config.get(key, { infer: true });
    this.env = get('NODE_ENV');
    this.isProduction = this.env === 'production';
    this.http = {
      host: get('HOST'),
      port: get('PORT'),
      publicUrl: get('PUBLIC_URL').replace(/\/+$/, ''),
      corsOrigins: get('CORS_ORIGINS')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      bodyLimit: get('BODY_LIMIT'),
    };
    this.log = { level: get('LOG_LEVEL') };
    this.database = { url: get('DATABASE_URL'), ssl: get('DATABASE_SSL'), poolSize: get('DATABASE_POOL_SIZE') };
    this.temporal = {
      address: get('TEMPORAL_ADDRESS'),
      namespace: get('TEMPORAL_NAMESPACE'),
      taskQueue: get('TEMPORAL_TASK_QUEUE'),
      tls: get('TEMPORAL_TLS'),
      tlsCertPath: get('TEMPORAL_TLS_CERT_PATH'),
      tlsKeyPath: get('TEMPORAL_TLS_KEY_PATH'),
      tlsCaPath: get('TEMPORAL_TLS_CA_PATH'),
      tlsServerName: get('TEMPORAL_TLS_SERVER_NAME'),
      apiKey: get('TEMPORAL_API_KEY'),
      workflowBundlePath: get('WORKFLOW_BUNDLE_PATH'),
    };
    this.mail = {
      smtpUrl: get('SMTP_URL'),
      from: get('MAIL_FROM'),
      devMailboxUrl: get('DEV_MAILBOX_URL'),
      sendConcurrency: get('MAIL_SEND_CONCURRENCY'),
      pollIntervalMs: get('MAIL_POLL_INTERVAL_MS'),
    };
    this.notify = { workingHoursOnly: get('NOTIFY_WORKING_HOURS_ONLY') };
    this.admin = { email: get('ADMIN_EMAIL'), password: get('ADMIN_PASSWORD') };
    this.auth = {
      jwtSecret: get('JWT_SECRET'),
      accessTtlSeconds: get('JWT_ACCESS_TTL_SECONDS'),
      refreshTtlSeconds: get('JWT_REFRESH_TTL_SECONDS'),
      maxFailedLogins: get('AUTH_MAX_FAILED_LOGINS'),
      lockoutSeconds: get('AUTH_LOCKOUT_SECONDS'),
      rateLimitIpPerMinute: get('AUTH_RATE_LIMIT_IP_PER_MINUTE'),
      rateLimitAccountPerMinute: get('AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE'),
    };
    this.tasks = {
      continueAsNewAfterEvents: get('TASK_CONTINUE_AS_NEW_EVENTS'),
      actionWaitMs: get('TASK_ACTION_WAIT_MS'),
      ackLinkTtlDays: get('TASK_ACK_LINK_TTL_DAYS'),
      startConcurrency: get('TASK_START_CONCURRENCY'),
      assignmentSweepIntervalMs: get('ASSIGNMENT_SWEEP_INTERVAL_MS'),
      assignmentSweepAgeMs: get('ASSIGNMENT_SWEEP_AGE_MS'),
    };
    this.reports = {
      schedulesPaused: get('REPORT_SCHEDULES_PAUSED'),
      briefingMostOverdue: get('BRIEFING_MOST_OVERDUE'),
      briefingRecipients: get('BRIEFING_RECIPIENTS'),
      scorecardQuarters: get('SCORECARD_QUARTERS'),
    };
    this.printing = { chromiumPath: get('CHROMIUM_PATH') };
    this.activityAlertAttempts = get('ACTIVITY_ALERT_ATTEMPTS');
    this.evidence = {
      allowedHosts: get('EVIDENCE_ALLOWED_HOSTS'),
      tlsCaPath: get('EVIDENCE_TLS_CA_PATH'),
      timeoutMs: get('EVIDENCE_TIMEOUT_MS'),
      maxResponseBytes: get('EVIDENCE_MAX_RESPONSE_BYTES'),
      maxDatasetBytes: get('EVIDENCE_MAX_DATASET_BYTES'),
      maxRedirects: get('EVIDENCE_MAX_REDIRECTS'),
      checkConcurrency: get('EVIDENCE_CHECK_CONCURRENCY'),
    };
    this.calendar = {
      restDays: [...new Set(get('CALENDAR_REST_DAYS').split(',').map((day) => Number(day.trim())))].sort((a, b) => a - b),
      startOfDay: get('CALENDAR_START_OF_DAY'),
      endOfDay: get('CALENDAR_END_OF_DAY'),
      notifyUntil: get('NOTIFY_UNTIL'),
      changeSweepIntervalMs: get('CALENDAR_CHANGE_SWEEP_INTERVAL_MS'),
      changeSweepAgeMs: get('CALENDAR_CHANGE_SWEEP_AGE_MS'),
    };
    this.statistics = { snapshotIntervalMs: get('STATISTICS_SNAPSHOT_INTERVAL_MS'), snapshotMaxAgeMs: get('STATISTICS_SNAPSHOT_MAX_AGE_MS') };
    const trust = get('TRUST_PROXY').trim();
    this.trustProxy = trust === 'true' ? true : trust === 'false' ? false : /^\d+$/.test(trust) ? Number(trust) : trust;
  }

  /** A link into the application, e.g. to a task, for emails. */
  link(path: string): string {
    return `${this.http.publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }
}
