import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager, Repository } from 'typeorm';
import type { AuditService } from '@dondoc/audit';
import type { AppConfig } from '@dondoc/config';
import type { MailDriver } from '@dondoc/notifications';
import type { DiagnosticRun } from './diagnostic-run.entity';
import { DiagnosticRunsService } from './diagnostic-runs.service';

const RUN_ID = '33333333-3333-4333-8333-333333333333';
const WORKFLOW_ID = `diagnostic-${RUN_ID}`;
const input = { runId: RUN_ID, workflowId: WORKFLOW_ID, recipient: 'ops@xa.vn', language: 'en' as const, message: 'smoke test', requestedBy: 'admin' };
const recorded = {
  id: RUN_ID,
  workflowId: WORKFLOW_ID,
  recipient: 'ops@xa.vn',
  language: 'en',
  message: 'smoke test',
  requestedBy: 'admin',
  status: 'RECORDED',
  emailMessageId: null,
  failureReason: null,
  createdAt: new Date('2030-03-01T10:00:00.000Z'),
  completedAt: null,
} as DiagnosticRun;

function setup({ run = recorded, inserted = true, affected = 1, sendError }: { run?: DiagnosticRun; inserted?: boolean; affected?: number; sendError?: Error } = {}) {
  const values: unknown[] = [];
  const insert = {
    insert: () => insert,
    into: () => insert,
    values: (row: unknown) => {
      values.push(row);
      return insert;
    },
    orIgnore: () => insert,
    // The insert is ignored when an earlier attempt wrote the row.
    execute: () => Promise.resolve({ raw: inserted ? [{ id: RUN_ID }] : [] }),
  };
  const tx = { createQueryBuilder: () => insert, update: jest.fn().mockResolvedValue({ affected }) };
  const runs = {
    findOneByOrFail: jest.fn().mockResolvedValue(run),
    manager: { transaction: (work: (tx: EntityManager) => Promise<unknown>) => work(tx as unknown as EntityManager) },
  };
  const mail = {
    send: jest.fn(() => (sendError === undefined ? Promise.resolve({ messageId: 'x', accepted: [run.recipient], rejected: [], response: '250 OK' }) : Promise.reject(sendError))),
    verify: jest.fn(),
    close: jest.fn(),
  } satisfies Record<keyof MailDriver, jest.Mock>;
  const audit = { record: jest.fn().mockResolvedValue({}) } satisfies Partial<Record<keyof AuditService, jest.Mock>>;
  const config = { link: (path: string) => `https://dondoc.example${path}` } as AppConfig;
  const sut = new DiagnosticRunsService(runs as unknown as Repository<DiagnosticRun>, mail, config, audit as unknown as AuditService);
  return { sut, tx, values, mail, audit };
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

describe(DiagnosticRunsService.name, () => {
  it('records the run and audits it', async () => {
    const { sut, tx, values, audit } = setup();
    await sut.record(input);
    expect(values).toEqual([{ id: RUN_ID, workflowId: WORKFLOW_ID, recipient: 'ops@xa.vn', language: 'en', message: 'smoke test', requestedBy: 'admin', status: 'RECORDED' }]);
    expect(audit.record).toHaveBeenCalledWith(tx, expect.objectContaining({ type: 'SYSTEM' }), {
      action: 'DIAGNOSTIC_RECORDED',
      subjectType: 'diagnostic',
      subjectId: RUN_ID,
      summary: { workflowId: WORKFLOW_ID },
    });
  });

  it('a retried record finds the row: no second audit entry', async () => {
    const { sut, audit } = setup({ inserted: false });
    await sut.record(input);
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('sends the email with its deterministic Message-ID, then marks the run completed and audits it', async () => {
    const { sut, tx, mail, audit } = setup();
    await expect(sut.sendEmail(RUN_ID)).resolves.toEqual({ messageId: `<diagnostic.${RUN_ID}@dondoc>` });
    expect(mail.send).toHaveBeenCalledWith(
      expect.objectContaining({ to: 'ops@xa.vn', messageId: `<diagnostic.${RUN_ID}@dondoc>`, headers: { 'X-Dondoc-Idempotency-Key': WORKFLOW_ID } }),
    );
    const sent = mail.send.mock.calls[0] as unknown as [{ text: string }];
    expect(sent[0].text).toContain('smoke test');
    expect(sent[0].text).toContain(`https://dondoc.example/api/diagnostics/${RUN_ID}`);
    expect(tx.update).toHaveBeenCalledWith(expect.anything(), { id: RUN_ID }, { status: 'COMPLETED', emailMessageId: `<diagnostic.${RUN_ID}@dondoc>`, completedAt: expect.any(Date) });
    expect(audit.record).toHaveBeenCalledWith(tx, expect.anything(), expect.objectContaining({ action: 'DIAGNOSTIC_COMPLETED', subjectId: RUN_ID }));
  });

  it('a completed run is not emailed again', async () => {
    const { sut, mail, tx } = setup({ run: { ...recorded, status: 'COMPLETED', emailMessageId: '<earlier@dondoc>' } });
    await expect(sut.sendEmail(RUN_ID)).resolves.toEqual({ messageId: '<earlier@dondoc>' });
    expect(mail.send).not.toHaveBeenCalled();
    expect(tx.update).not.toHaveBeenCalled();
  });

  it('a permanent SMTP refusal (5xx) fails at once, with the server’s reply', async () => {
    const { sut, tx } = setup({ sendError: smtpError(550, '550 no such user') });
    const error = await sut.sendEmail(RUN_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'SmtpPermanentFailure', nonRetryable: true, message: '550 no such user' });
    expect(tx.update).not.toHaveBeenCalled();
  });

  it('a temporary SMTP failure is thrown as it is, to be retried', async () => {
    const failure = smtpError(451, 'try again later');
    const { sut, tx } = setup({ sendError: failure });
    await expect(sut.sendEmail(RUN_ID)).rejects.toBe(failure);
    expect(tx.update).not.toHaveBeenCalled();
  });

  it('marks only a recorded run failed, and audits it once', async () => {
    const { sut, tx, audit } = setup();
    await sut.markFailed(RUN_ID, 'r'.repeat(3_000));
    expect(tx.update).toHaveBeenCalledWith(expect.anything(), { id: RUN_ID, status: 'RECORDED' }, { status: 'FAILED', failureReason: 'r'.repeat(2_000), completedAt: expect.any(Date) });
    expect(audit.record).toHaveBeenCalledWith(tx, expect.anything(), expect.objectContaining({ action: 'DIAGNOSTIC_FAILED', subjectId: RUN_ID }));

    const again = setup({ affected: 0 });
    await again.sut.markFailed(RUN_ID, 'later');
    expect(again.audit.record).not.toHaveBeenCalled();
  });
});
