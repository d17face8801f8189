import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { Repository } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { formatDateTime, systemActor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { isPermanentMailFailure, MAIL_DRIVER, MAIL_TEMPLATES, renderMail, type MailDriver } from '@dondoc/notifications';
import type { DiagnosticInput } from '@dondoc/workflows/diagnostic.types';
import { DiagnosticRun } from './diagnostic-run.entity';

/**
 * The worker's side of a diagnostic run: its row, its email and its outcome, each audited once.
 * Every step is idempotent, so a retried activity may call it again; a failure that retrying
 * cannot fix is a non-retryable `ApplicationFailure`.
 */
@Injectable()
export class DiagnosticRunsService {
  private readonly logger = new Logger(DiagnosticRunsService.name);

  constructor(
    @InjectRepository(DiagnosticRun) private readonly runs: Repository<DiagnosticRun>,
    @Inject(MAIL_DRIVER) private readonly mail: MailDriver,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Writes the run's row (RECORDED) and audits it; a retry finds the row and does nothing. */
  async record(input: DiagnosticInput & { workflowId: string }): Promise<void> {
    await this.runs.manager.transaction(async (tx) => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(DiagnosticRun)
        .values({
          id: input.runId,
          workflowId: input.workflowId,
          recipient: input.recipient,
          language: input.language,
          message: input.message,
          requestedBy: input.requestedBy,
          status: 'RECORDED',
        })
        .orIgnore()
        .execute();
      // Audited once: a retried activity finds the row already there.
      if ((inserted.raw as unknown[]).length > 0) {
        await this.audit.record(tx, systemActor(), { action: 'DIAGNOSTIC_RECORDED', subjectType: 'diagnostic', subjectId: input.runId, summary: { workflowId: input.workflowId } });
      }
    });
  }

  /** Sends the test email with a deterministic Message-ID and marks the run COMPLETED; a completed run is not sent again. */
  async sendEmail(runId: string): Promise<{ messageId: string }> {
    const run = await this.runs.findOneByOrFail({ id: runId });
    if (run.status === 'COMPLETED' && run.emailMessageId) return { messageId: run.emailMessageId };

    const link = this.config.link(`/api/diagnostics/${run.id}`);
    const rendered = renderMail(
      MAIL_TEMPLATES.diagnostic,
      run.language,
      { message: run.message, runId: run.id, requestedAt: formatDateTime(run.createdAt, run.language), link },
      link,
    );
    const messageId = `<diagnostic.${run.id}@dondoc>`;
    try {
      await this.mail.send({ to: run.recipient, messageId, ...rendered, headers: { 'X-Dondoc-Idempotency-Key': run.workflowId } });
    } catch (error) {
      // A refused recipient (an address the server will never take) fails the run now, with the server's reply.
      if (isPermanentMailFailure(error)) throw ApplicationFailure.nonRetryable((error as Error).message, 'SmtpPermanentFailure');
      throw error;
    }
    await this.runs.manager.transaction(async (tx) => {
      await tx.update(DiagnosticRun, { id: run.id }, { status: 'COMPLETED', emailMessageId: messageId, completedAt: new Date() });
      await this.audit.record(tx, systemActor(), { action: 'DIAGNOSTIC_COMPLETED', subjectType: 'diagnostic', subjectId: run.id, summary: { messageId } });
    });
    this.logger.log({ runId }, 'diagnostic email sent');
    return { messageId };
  }

  /** Marks a RECORDED run FAILED with the reason, audited once; a run already completed or failed is left as it is. */
  async markFailed(runId: string, reason: string): Promise<void> {
    await this.runs.manager.transaction(async (tx) => {
      const result = await tx.update(DiagnosticRun, { id: runId, status: 'RECORDED' }, { status: 'FAILED', failureReason: reason.slice(0, 2_000), completedAt: new Date() });
      if (result.affected) await this.audit.record(tx, systemActor(), { action: 'DIAGNOSTIC_FAILED', subjectType: 'diagnostic', subjectId: runId, summary: { reason } });
    });
  }
}
