import type { ArgumentsHost } from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { conflict, notFound } from './app.exception';

describe(AllExceptionsFilter.name, () => {
  function respond(exception: unknown, headers: Record<string, string> = {}) {
    const sut = new AllExceptionsFilter();
    const res = { headersSent: false, statusCode: 0, body: undefined as unknown, status: jest.fn(), json: jest.fn() };
    res.status.mockImplementation((code: number) => ((res.statusCode = code), res));
    res.json.mockImplementation((body: unknown) => ((res.body = body), res));
    const req = { id: 'req-1', method: 'GET', path: '/api/x', query: {}, headers };
    const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    sut.catch(exception, host);
    return res;
  }

  it('hides unexpected errors behind a 500 with the request id', () => {
    const res = respond(new Error('connection string postgres://secret@db leaked'));
    expect(res.statusCode).toBe(500);
    expect(res.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Lỗi hệ thống không mong muốn. Mã yêu cầu: req-1.',
      requestId: 'req-1',
    });
  });

  it('renders a not-found in English when asked', () => {
    const res = respond(notFound('user', 'u-1'), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: 'User u-1 was not found.' });
  });

  it('renders a conflict with its reason and details', () => {
    const res = respond(conflict({ vi: 'mã DUP đã tồn tại.', en: 'code DUP already exists.' }, { field: 'code' }));
    expect(res.statusCode).toBe(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', message: 'Xung đột dữ liệu: mã DUP đã tồn tại.', details: { field: 'code' } });
  });
});
