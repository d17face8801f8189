import { MailAttachments } from './mail-attachments';
import type { MailDriver } from './mail-driver';
import { MAX_DELIVERY_ATTEMPTS, NotificationDeliveryService, retryDelayMs, type OutboxConnection } from './notification-delivery.service';
import type { NotificationRenderer } from './notification-renderer';

const ID = '22222222-2222-4222-8222-222222222222';
const row = {
  id: ID,
  user_id: null as string | null,
  email: 'truong@xa.vn',
  template: 'taskAssigned',
  params: { code: 'NV-2030-001' } as Record<string, unknown>,
  language: 'vi',
  link: '/tasks/1',
  message_id: '<abc@dondoc>',
  idempotency_key: 'task-1:4:head',
  attempts: 0,
};

/** A connection that answers the SELECT with `due` and records every statement. */
function setup({ due = [row], sendError, renderError, attachments }: { due?: (typeof row)[]; sendError?: Error; renderError?: Error; attachments?: MailAttachments } = {}) {
  const statements: [string, unknown[] | undefined][] = [];
  const db = {
    query: jest.fn((sql: string, params?: unknown[]) => {
      statements.push([sql, params]);
      return Promise.resolve({ rows: sql.trimStart().startsWith('SELECT') ? due : [] });
    }),
  } as unknown as OutboxConnection;
  const mail = {
    send: jest.fn(() => (sendError === undefined ? Promise.resolve({ messageId: row.message_id, accepted: [row.email], rejected: [], response: '250 OK' }) : Promise.reject(sendError))),
    verify: jest.fn(),
    close: jest.fn(),
  } satisfies Record<keyof MailDriver, jest.Mock>;
  const renderer = {
    render: jest.fn(() => {
      if (renderError) throw renderError;
      return { subject: 'Giao nhiệm vụ', text: 'text', html: '<p>html</p>' };
    }),
  } satisfies Record<keyof NotificationRenderer, jest.Mock>;
  const service = new NotificationDeliveryService(mail, renderer as unknown as NotificationRenderer, attachments);
  const sut = { deliverNext: () => service.deliverNext(db) };
  const update = () => statements.find(([sql]) => sql.trimStart().startsWith('UPDATE'));
  const sqls = () => statements.map(([sql]) => sql.trim().split(/\s/)[0]);
  return { sut, statements, update, sqls, mail, renderer };
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

describe(NotificationDeliveryService.name, () => {
  it('locks the oldest due row (skipping rows other mailers hold), sends it once with its Message-ID and idempotency key, then marks it SENT in the same transaction', async () => {
    const { sut, statements, update, sqls, mail, renderer } = setup();
    await expect(sut.deliverNext()).resolves.toBe('SENT');
    expect(sqls()).toEqual(['BEGIN', 'SET', 'SELECT', 'UPDATE', 'COMMIT']);
    expect(statements[1][0]).toBe('SET LOCAL synchronous_commit = off');
    const [select] = statements[2];
    expect(select).toContain("status IN ('PENDING', 'SENDING') AND GREATEST(created_at, send_after, next_attempt_at) <= now()");
    expect(select).toContain('ORDER BY GREATEST(created_at, send_after, next_attempt_at)');
    expect(select).toContain('FOR UPDATE SKIP LOCKED');
    expect(renderer.render).toHaveBeenCalledWith({ template: 'taskAssigned', params: row.params, language: 'vi', link: '/tasks/1' });
    expect(mail.send).toHaveBeenCalledTimes(1);
    expect(mail.send).toHaveBeenCalledWith({
      to: 'truong@xa.vn',
      messageId: '<abc@dondoc>',
      subject: 'Giao nhiệm vụ',
      text: 'text',
      html: '<p>html</p>',
      headers: { 'X-Dondoc-Idempotency-Key': 'task-1:4:head' },
    });
    expect(update()?.[0]).toContain("status = 'SENT'");
    expect(update()?.[1]).toEqual([ID, 1]);
  });

  it('answers undefined and sends nothing when no row is due', async () => {
    const { sut, mail, sqls } = setup({ due: [] });
    await expect(sut.deliverNext()).resolves.toBeUndefined();
    expect(mail.send).not.toHaveBeenCalled();
    expect(sqls()).toEqual(['BEGIN', 'SET', 'SELECT', 'COMMIT']);
  });

  it('a temporary SMTP failure puts the row back to PENDING with the reason, one more attempt and a back-off', async () => {
    const { sut, update } = setup({ sendError: smtpError(421, 'Service not available') });
    await expect(sut.deliverNext()).resolves.toBe('RETRY');
    const [sql, params] = update()!;
    expect(sql).toContain('next_attempt_at = now() + make_interval');
    expect(params?.slice(0, 4)).toEqual([ID, 'PENDING', 1, 'Service not available']);
    expect(params?.[4]).toBeGreaterThanOrEqual(1_600);
    expect(params?.[4]).toBeLessThanOrEqual(2_400);
  });

  it('a network error is temporary too', async () => {
    const { sut, update } = setup({ sendError: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' }) });
    await expect(sut.deliverNext()).resolves.toBe('RETRY');
    expect(update()?.[1]?.[1]).toBe('PENDING');
  });

  it('a permanent SMTP refusal (5xx) marks the row FAILED with the reason at once', async () => {
    const { sut, update } = setup({ sendError: smtpError(550, 'Mailbox unavailable') });
    await expect(sut.deliverNext()).resolves.toBe('FAILED');
    expect(update()?.[1]?.slice(0, 4)).toEqual([ID, 'FAILED', 1, 'Mailbox unavailable']);
  });

  it('a row that does not render fails at once and is never handed to SMTP', async () => {
    const { sut, update, mail } = setup({ renderError: new TypeError("Cannot read properties of undefined (reading 'vi')") });
    await expect(sut.deliverNext()).resolves.toBe('FAILED');
    expect(mail.send).not.toHaveBeenCalled();
    expect(update()?.[1]?.slice(0, 3)).toEqual([ID, 'FAILED', 1]);
  });

  it('gives up after the last attempt, with the reason cut to 2,000 characters', async () => {
    const { sut, update } = setup({ due: [{ ...row, attempts: MAX_DELIVERY_ATTEMPTS - 1 }], sendError: smtpError(451, 'x'.repeat(3_000)) });
    await expect(sut.deliverNext()).resolves.toBe('FAILED');
    expect(update()?.[1]?.slice(0, 4)).toEqual([ID, 'FAILED', MAX_DELIVERY_ATTEMPTS, 'x'.repeat(2_000)]);
  });

  it('rolls back and lets the error through when the database fails mid-way (the row stays as it was)', async () => {
    const failing = { query: jest.fn((sql: string) => (sql.trimStart().startsWith('UPDATE') ? Promise.reject(new Error('connection terminated')) : Promise.resolve({ rows: sql.trimStart().startsWith('SELECT') ? [row] : [] }))) };
    const service = new NotificationDeliveryService({ send: jest.fn().mockResolvedValue({}), verify: jest.fn(), close: jest.fn() }, { render: () => ({ subject: 's', text: 't', html: 'h' }) } as unknown as NotificationRenderer);
    await expect(service.deliverNext(failing as unknown as OutboxConnection)).rejects.toThrow('connection terminated');
    expect(failing.query.mock.calls.map(([sql]) => sql.trim().split(/\s/)[0])).toEqual(['BEGIN', 'SET', 'SELECT', 'UPDATE', 'ROLLBACK']);
  });

  it('attaches the files a template’s provider renders from the row, for its recipient', async () => {
    const attachments = new MailAttachments();
    const provider = jest.fn(() => Promise.resolve([{ filename: 'giao-ban-2026-W47-v1.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: Buffer.from('xlsx') }]));
    attachments.register('weekly-briefing', provider);
    const briefingRow = { ...row, template: 'weekly-briefing', params: { briefingId: 'b-1' }, user_id: 'u-1' };
    const { sut, mail, update } = setup({ due: [briefingRow], attachments });
    await expect(sut.deliverNext()).resolves.toBe('SENT');
    expect(provider).toHaveBeenCalledWith({ template: 'weekly-briefing', params: { briefingId: 'b-1' }, language: 'vi', userId: 'u-1' });
    expect(mail.send).toHaveBeenCalledWith(expect.objectContaining({ attachments: [expect.objectContaining({ filename: 'giao-ban-2026-W47-v1.xlsx', content: Buffer.from('xlsx') })] }));
    expect(update()?.[0]).toContain("status = 'SENT'");
  });

  it('never sends a template that needs a file without it: no provider (or a failing one) is retried later', async () => {
    const briefingRow = { ...row, template: 'weekly-briefing', params: { briefingId: 'b-1' } };
    const { sut, mail, update } = setup({ due: [briefingRow], attachments: new MailAttachments() });
    await expect(sut.deliverNext()).resolves.toBe('RETRY');
    expect(mail.send).not.toHaveBeenCalled();
    expect(update()?.[1]?.slice(0, 3)).toEqual([ID, 'PENDING', 1]);
    expect(String(update()?.[1]?.[3])).toContain('weekly-briefing');
  });

  it('backs off from 2 s, doubling, to at most 30 minutes, with ±20% jitter', () => {
    expect([1, 2, 3, 10, 11, 59].map((attempts) => retryDelayMs(attempts, () => 0.5))).toEqual([2_000, 4_000, 8_000, 1_024_000, 1_800_000, 1_800_000]);
    expect(retryDelayMs(1, () => 0)).toBe(1_600);
    expect(retryDelayMs(1, () => 1)).toBe(2_400);
  });
});
