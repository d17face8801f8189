import { ApplicationFailure } from '@temporalio/common';
import { In, type Repository } from 'typeorm';
import type { MailDriver } from './mail-driver';
import { NotificationDeliveryService } from './notification-delivery.service';
import type { NotificationRenderer } from './notification-renderer';
import type { Notification } from './notification.entity';

const ID = '22222222-2222-4222-8222-222222222222';
const row = {
  id: ID,
  email: 'truong@xa.vn',
  template: 'taskAssigned',
  params: { code: 'NV-2030-001' },
  language: 'vi',
  link: '/tasks/1',
  message_id: '<abc@dondoc>',
  idempotency_key: 'task-1:4:head',
  status: 'SENDING',
};

/** A query builder that records its calls and answers `execute`/`getMany` with the given rows. */
function builder(rows: unknown[]) {
  const calls: [string, unknown[]][] = [];
  const b: Record<string, unknown> = {};
  for (const name of ['update', 'set', 'where', 'andWhere', 'returning', 'select', 'orderBy', 'take']) {
    b[name] = (...args: unknown[]) => {
      calls.push([name, args]);
      return b;
    };
  }
  b.execute = () => Promise.resolve({ raw: rows });
  b.getMany = () => Promise.resolve(rows);
  return { b, calls, call: (name: string) => calls.find(([n]) => n === name)?.[1] };
}

function setup({ claimed = [row], existing = null, sendError }: { claimed?: unknown[]; existing?: Partial<Notification> | null; sendError?: Error } = {}) {
  const query = builder(claimed);
  const repository = {
    createQueryBuilder: jest.fn(() => query.b),
    findOneBy: jest.fn().mockResolvedValue(existing),
    update: jest.fn().mockResolvedValue({ affected: 1 }),
  } satisfies Partial<Record<keyof Repository<Notification>, jest.Mock>>;
  const mail = {
    send: jest.fn(() => (sendError === undefined ? Promise.resolve({ messageId: row.message_id, accepted: [row.email], rejected: [], response: '250 OK' }) : Promise.reject(sendError))),
    verify: jest.fn(),
    close: jest.fn(),
  } satisfies Record<keyof MailDriver, jest.Mock>;
  const renderer = { render: jest.fn(() => ({ subject: 'Giao nhiệm vụ', text: 'text', html: '<p>html</p>' })) } satisfies Record<keyof NotificationRenderer, jest.Mock>;
  const sut = new NotificationDeliveryService(repository as unknown as Repository<Notification>, mail, renderer as unknown as NotificationRenderer);
  return { sut, repository, mail, renderer, query };
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

describe(NotificationDeliveryService.name, () => {
  it('claims the row (never a SENT one), sends it once with its Message-ID and idempotency key, then marks it SENT', async () => {
    const { sut, repository, mail, renderer, query } = setup();
    await expect(sut.deliver(ID)).resolves.toBe('SENT');
    expect(query.call('where')).toEqual(['id = :id AND status <> :sent AND (send_after IS NULL OR send_after <= now())', { id: ID, sent: 'SENT' }]);
    expect(query.call('set')).toEqual([expect.objectContaining({ status: 'SENDING' })]);
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
    expect(repository.update).toHaveBeenCalledWith({ id: ID }, { status: 'SENT', sentAt: expect.any(Date), lastError: null });
  });

  it('a row already sent is not sent again', async () => {
    const { sut, mail, repository } = setup({ claimed: [], existing: { id: ID, status: 'SENT' } });
    await expect(sut.deliver(ID)).resolves.toBe('ALREADY_SENT');
    expect(mail.send).not.toHaveBeenCalled();
    expect(repository.update).not.toHaveBeenCalled();
  });

  it('a row held until later is not claimed nor sent: it says until when', async () => {
    const sendAfter = new Date('2030-03-04T01:00:00.000Z');
    const { sut, mail, repository } = setup({ claimed: [], existing: { id: ID, status: 'PENDING', sendAfter } });
    await expect(sut.deliver(ID)).resolves.toEqual({ heldUntil: '2030-03-04T01:00:00.000Z' });
    expect(mail.send).not.toHaveBeenCalled();
    expect(repository.update).not.toHaveBeenCalled();
  });

  it('an unknown row fails for good', async () => {
    const { sut, mail } = setup({ claimed: [], existing: null });
    const error = await sut.deliver(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'UnknownNotification', nonRetryable: true, message: `notification ${ID} does not exist` });
    expect(mail.send).not.toHaveBeenCalled();
  });

  it('a temporary SMTP failure puts the row back to PENDING with the reason and is retried (the same error)', async () => {
    const failure = smtpError(421, 'Service not available');
    const { sut, repository } = setup({ sendError: failure });
    await expect(sut.deliver(ID)).rejects.toBe(failure);
    expect(repository.update).toHaveBeenCalledTimes(1);
    expect(repository.update).toHaveBeenCalledWith({ id: ID }, { status: 'PENDING', lastError: 'Service not available' });
  });

  it('a permanent SMTP refusal (5xx) marks the row FAILED and is not retried', async () => {
    const { sut, repository } = setup({ sendError: smtpError(550, 'Mailbox unavailable') });
    const error = await sut.deliver(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'SmtpPermanentFailure', nonRetryable: true, message: 'Mailbox unavailable' });
    expect(repository.update).toHaveBeenCalledTimes(1);
    expect(repository.update).toHaveBeenCalledWith({ id: ID }, { status: 'FAILED', lastError: 'Mailbox unavailable' });
  });

  it('giving up marks only an unsent row FAILED, with the reason cut to 2,000 characters', async () => {
    const { sut, repository } = setup();
    await sut.markFailed(ID, 'x'.repeat(3_000));
    expect(repository.update).toHaveBeenCalledWith({ id: ID, status: In(['PENDING', 'SENDING']) }, { status: 'FAILED', lastError: 'x'.repeat(2_000) });
  });

  it('finds PENDING rows due before the given time (created, or their hold ended), oldest first, 500 at most', async () => {
    const pending = [{ id: ID, status: 'PENDING' }];
    const { sut, query } = setup({ claimed: pending });
    const before = new Date('2030-03-01T10:00:00.000Z');
    await expect(sut.findUnstarted(before)).resolves.toBe(pending);
    expect(query.call('where')).toEqual(['n.status = :pending', { pending: 'PENDING' }]);
    expect(query.call('andWhere')).toEqual(['COALESCE(n.send_after, n.created_at) < :before', { before }]);
    expect(query.call('orderBy')).toEqual(['COALESCE(n.send_after, n.created_at)', 'ASC']);
    expect(query.call('take')).toEqual([500]);
  });
});
