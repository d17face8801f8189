import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { Repository } from 'typeorm';
import { AppConfig } from '@dondoc/config';
import { AuditService } from '@dondoc/audit';
import { notFound, type Actor } from '@dondoc/common';
import { diagnosticWorkflowId, type DiagnosticInput } from '@dondoc/workflows/diagnostic.types';
import { DiagnosticRun } from './diagnostic-run.entity';
import type { DiagnosticRunDto, StartDiagnosticDto } from './dto/start-diagnostic.dto';

@Injectable()
export class DiagnosticsService {
  constructor(
    @InjectRepository(DiagnosticRun) private readonly runs: Repository<DiagnosticRun>,
    private readonly temporal: Client,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Starts a diagnostic workflow; the worker writes the row and sends the email. */
  async start(actor: Actor, dto: StartDiagnosticDto): Promise<DiagnosticRunDto> {
    const runId = randomUUID();
    const input: DiagnosticInput = {
      runId,
      recipient: (dto.recipient ?? actor.email ?? '').toLowerCase(),
      language: dto.language ?? actor.language,
      message: dto.message ?? 'dondoc diagnostic',
      requestedBy: actor.id,
    };
    const workflowId = diagnosticWorkflowId(runId);
    await this.temporal.workflow.start('diagnosticWorkflow', {
      workflowId,
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      workflowExecutionTimeout: '10m',
    });
    await this.audit.record(this.runs.manager, actor, {
      action: 'DIAGNOSTIC_STARTED',
      subjectType: 'diagnostic',
      subjectId: runId,
      summary: { recipient: input.recipient, workflowId },
    });
    return { id: runId, workflowId, workflowStatus: 'RUNNING', status: 'PENDING', recipient: input.recipient, message: input.message };
  }

  /** The run as the worker recorded it, with the workflow's status from Temporal. */
  async get(runId: string): Promise<DiagnosticRunDto> {
    const workflowId = diagnosticWorkflowId(runId);
    const [row, workflowStatus] = await Promise.all([this.runs.findOneBy({ id: runId }), this.workflowStatus(workflowId)]);
    if (!row && !workflowStatus) throw notFound('diagnostic', runId);
    return {
      id: runId,
      workflowId,
      workflowStatus: workflowStatus ?? 'UNKNOWN',
      status: row?.status ?? 'PENDING',
      recipient: row?.recipient,
      message: row?.message,
      emailMessageId: row?.emailMessageId ?? null,
      failureReason: row?.failureReason ?? null,
      createdAt: row?.createdAt.toISOString(),
      completedAt: row?.completedAt?.toISOString() ?? null,
    };
  }

  private async workflowStatus(workflowId: string): Promise<string | undefined> {
    try {
      const description = await this.temporal.workflow.getHandle(workflowId).describe();
      return description.status.name;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}
