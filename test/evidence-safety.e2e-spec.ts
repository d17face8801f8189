import { createHash } from 'node:crypto';
import { addressProblem, parseAllowList, probeProduct, readMetric, safeGet, systemResolver, verifyDataset, type SafeHttpPolicy } from '@dondoc/evidence';
import { testCertificates, type Pem } from './helpers/certificates';
import { serve, type TestServer } from './helpers/servers';

/**
 * The engine fetches URLs that users type. These tests run real servers on loopback and check
 * that nothing unsafe is reached, nothing is resolved twice, and nothing is read without limit.
 */
describe('Evidence checks: probing safely', () => {
  const strict: SafeHttpPolicy = { allowedHosts: [], allowedCidrs: [], resolver: systemResolver, maxRedirects: 3, timeoutMs: 2_000, maxBytes: 64 * 1024, contentTypes: [] };
  const loopback: SafeHttpPolicy = { ...strict, allowedCidrs: ['127.0.0.0/8'] };
  let product: TestServer;
  let certificates: { ca: Pem; valid: Pem; expired: Pem };

  beforeAll(async () => {
    certificates = testCertificates();
    product = await serve((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<h1>Cổng dịch vụ công</h1><p>host=${req.headers.host}</p>`);
    });
  });

  afterAll(() => product.close());

  const refusal = async (url: string, policy: SafeHttpPolicy) => (await probeProduct({ url, maxLatencyMs: 2_000 }, policy)).reasons[0];

  it.each([
    ['loopback', 'http://127.0.0.1:9/'],
    ['loopback', 'http://[::1]:9/'],
    ['private', 'http://10.1.2.3/'],
    ['private', 'http://192.168.1.10/'],
    ['linkLocal', 'http://169.254.10.10/'],
    ['metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['multicast', 'http://224.0.0.1/'],
    ['private', 'http://[::ffff:10.0.0.1]/'],
    // IPv6 forms that carry an IPv4 address are judged as that address.
    ['loopback', 'http://[::127.0.0.1]:9/'],
    ['private', 'http://[64:ff9b::10.0.0.1]/'],
    ['private', 'http://[2002:c0a8:101::1]/'],
    ['metadata', 'http://[::169.254.169.254]/latest/meta-data/'],
    ['metadata', 'http://[::ffff:169.254.169.254]/latest/meta-data/'],
    ['metadata', 'http://[64:ff9b::169.254.169.254]/latest/meta-data/'],
    ['metadata', 'http://[2002:a9fe:a9fe::1]/latest/meta-data/'],
    ['teredo', 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/'],
    ['nat64LocalUse', 'http://[64:ff9b:1::a00:1]/'],
  ])('refuses a %s address without the allowlist (%s)', async (range, url) => {
    expect(await refusal(url, strict)).toMatchObject({ code: 'UNSAFE_ADDRESS', params: { range } });
  });

  it('refuses a loopback server that exists, until its range is allowlisted', async () => {
    const hitsBefore = product.hits;
    expect(await refusal(product.url, strict)).toMatchObject({ code: 'UNSAFE_ADDRESS', params: { range: 'loopback' } });
    expect(product.hits).toBe(hitsBefore); // refused before connecting
    const ok = await probeProduct({ url: product.url, maxLatencyMs: 2_000, expectText: 'Cổng dịch vụ công' }, loopback);
    expect(ok).toMatchObject({ ok: true, status: 200, reasons: [] });
  });

  it('judges the IPv6 forms of a loopback address as the address: refused, then allowed by the same allowlist entry', async () => {
    const hitsBefore = product.hits;
    for (const host of ['[::127.0.0.1]', '[::ffff:127.0.0.1]', '[64:ff9b::7f00:1]']) {
      expect(await refusal(`http://${host}:${product.port}/`, strict)).toMatchObject({ code: 'UNSAFE_ADDRESS', params: { range: 'loopback' } });
    }
    expect(product.hits).toBe(hitsBefore);
    const ok = await probeProduct({ url: `http://[::ffff:127.0.0.1]:${product.port}/`, maxLatencyMs: 2_000, expectText: 'Cổng dịch vụ công' }, loopback);
    expect(ok).toMatchObject({ ok: true, status: 200 });
  });

  it('refuses an allowlisted host that resolves to a metadata address in an IPv6 form', async () => {
    const resolver = async () => [{ address: '64:ff9b::a9fe:a9fe', family: 6 }];
    const policy = { ...strict, allowedHosts: ['internal.example'], resolver };
    expect(await refusal('http://internal.example/latest/meta-data/', policy)).toMatchObject({ code: 'UNSAFE_ADDRESS', params: { address: '64:ff9b::a9fe:a9fe', range: 'metadata' } });
  });

  it('refuses a public-looking host that resolves to a private address, and a rebinding answer mixing both', async () => {
    const resolver = async (host: string) => (host === 'public.example' ? [{ address: '10.0.0.5', family: 4 }] : [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }]);
    expect(await refusal('http://public.example/', { ...strict, resolver })).toMatchObject({ code: 'UNSAFE_ADDRESS', params: { address: '10.0.0.5', range: 'private' } });
    expect(await refusal('http://rebinding.example/', { ...strict, resolver })).toMatchObject({ code: 'UNSAFE_ADDRESS', params: { address: '127.0.0.1' } });
  });

  it('connects to the address it checked: the name is resolved once per hop, never again by the socket', async () => {
    const calls: string[] = [];
    const resolver = async (host: string) => {
      calls.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    // 'product.invalid' resolves nowhere else: success means the socket used the pinned address.
    const res = await probeProduct({ url: `http://product.invalid:${product.port}/`, maxLatencyMs: 2_000, expectText: `host=product.invalid:${product.port}` }, { ...loopback, resolver });
    expect(res).toMatchObject({ ok: true });
    expect(calls).toEqual(['product.invalid']);
  });

  it('re-checks every redirect hop: a redirect to a metadata address is refused, a loop is cut', async () => {
    let endlessRedirectClosed!: Promise<void>;
    const redirector = await serve((req, res) => {
      res.statusCode = 302;
      res.setHeader('location', req.url === '/loop' ? '/loop' : 'http://169.254.169.254/latest/meta-data/iam');
      if (req.url !== '/endless') return void res.end();
      endlessRedirectClosed = new Promise((resolve) => res.once('close', resolve));
      const pump = () => {
        while (res.write(Buffer.alloc(16 * 1024, 'x')));
        res.once('drain', pump);
      };
      pump();
    });
    try {
      expect(await refusal(`${redirector.url}/`, loopback)).toMatchObject({ code: 'UNSAFE_ADDRESS', params: { range: 'metadata' } });
      expect(await refusal(`${redirector.url}/loop`, loopback)).toMatchObject({ code: 'TOO_MANY_REDIRECTS', params: { max: 3 } });
      // A redirect's body is not read: an endless one is hung up on, not drained without limit.
      expect(await refusal(`${redirector.url}/endless`, loopback)).toMatchObject({ code: 'UNSAFE_ADDRESS', params: { range: 'metadata' } });
      await endlessRedirectClosed;
    } finally {
      await redirector.close();
    }
  });

  it('cuts off an endless response at the size limit, and a silent server at the deadline', async () => {
    const endless = await serve((_req, res) => {
      res.setHeader('content-type', 'text/plain');
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      pump();
    });
    const silent = await serve(() => undefined);
    try {
      const started = Date.now();
      expect(await refusal(endless.url, loopback)).toMatchObject({ code: 'TOO_LARGE', params: { max: 65_536 } });
      expect(await refusal(silent.url, { ...loopback, timeoutMs: 500 })).toMatchObject({ code: 'TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await Promise.all([endless.close(), silent.close()]);
    }
  });

  it('accepts only http and https, and only the allowed content types', async () => {
    expect(await refusal('ftp://example.com/file', strict)).toMatchObject({ code: 'BAD_SCHEME', params: { scheme: 'ftp' } });
    expect(await refusal('file:///etc/passwd', strict)).toMatchObject({ code: 'BAD_SCHEME', params: { scheme: 'file' } });
    await expect(safeGet(product.url, { ...loopback, contentTypes: ['text/csv', 'application/json'] })).rejects.toMatchObject({ reason: { code: 'CONTENT_TYPE' } });
  });

  it('checks the TLS certificate: an expired self-signed one fails; one from a trusted CA passes, with its expiry', async () => {
    const expired = await serve((_req, res) => res.end('ok'), certificates.expired);
    const valid = await serve((_req, res) => res.end('ok'), certificates.valid);
    try {
      const bad = await probeProduct({ url: expired.url, maxLatencyMs: 2_000 }, loopback);
      expect(bad.ok).toBe(false);
      expect(bad.reasons[0].code).toBe('TLS');
      expect(bad.tls).toMatchObject({ authorized: false });
      expect(bad.tls!.daysLeft).toBeLessThan(0);
      const good = await probeProduct({ url: valid.url, maxLatencyMs: 2_000 }, { ...loopback, extraCa: certificates.ca.cert });
      expect(good).toMatchObject({ ok: true, tls: { authorized: true } });
      expect(good.tls!.daysLeft).toBeGreaterThan(360);
    } finally {
      await Promise.all([expired.close(), valid.close()]);
    }
  });

  it('verifies datasets by streaming: checksum and record count, CSV or JSON', async () => {
    const csv = 'ma_ho_so,ngay,trang_thai\n"HS-001","2026-10-01","đã giải quyết"\n"HS-002","2026-10-02","đang xử lý, chờ bổ sung"\n"HS-003","2026-10-03","đã giải quyết"\n';
    const sha = createHash('sha256').update(csv).digest('hex');
    const server = await serve((req, res) => {
      if (req.url === '/data.csv') {
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.end(csv);
      } else if (req.url === '/broken.csv') {
        res.setHeader('content-type', 'text/csv');
        res.end('a,b\n1,x"y\n3,4\n');
      } else if (req.url === '/api') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ meta: { total: 1250 }, data: [{ id: 1 }, { id: 2 }] }));
      } else {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify([1, 2, 3, 4]));
      }
    });
    try {
      expect(await verifyDataset({ url: `${server.url}/data.csv`, sha256: sha, recordCount: 3 }, loopback)).toMatchObject({ ok: true, sha256: sha, records: 3, format: 'csv' });
      const wrong = await verifyDataset({ url: `${server.url}/data.csv`, sha256: '0'.repeat(64), recordCount: 5 }, loopback);
      expect(wrong.reasons.map((r) => r.code)).toEqual(['CHECKSUM', 'RECORD_COUNT']);
      // A parse error while downloading is a finished check with its reason, not a wait without end.
      const broken = await verifyDataset({ url: `${server.url}/broken.csv`, recordCount: 2 }, loopback);
      expect(broken).toMatchObject({ ok: false, records: null, format: 'csv', reasons: [{ code: 'NOT_CSV' }] });
      expect(await verifyDataset({ url: `${server.url}/list.json`, recordCount: 4 }, loopback)).toMatchObject({ ok: true, records: 4, format: 'json' });
      expect(await verifyDataset({ url: `${server.url}/api`, jsonPointer: '/meta/total', recordCount: 1250, format: 'json' }, loopback)).toMatchObject({ ok: true, records: 1250 });
      expect(await verifyDataset({ url: `${server.url}/api`, jsonPointer: '/data', recordCount: 2, format: 'json' }, loopback)).toMatchObject({ ok: true, records: 2 });
    } finally {
      await server.close();
    }
  });

  it('reads a metric at a JSON pointer, and says why it cannot', async () => {
    const server = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ period: '2026-10', activeUsers: 830, label: 'many' }));
    });
    try {
      expect(await readMetric({ url: server.url, jsonPointer: '/activeUsers' }, loopback)).toMatchObject({ ok: true, value: 830 });
      expect(await readMetric({ url: server.url, jsonPointer: '/label' }, loopback)).toMatchObject({ ok: false, reasons: [{ code: 'NOT_A_NUMBER' }] });
    } finally {
      await server.close();
    }
  });

  it('checks the expected text or JSON field of a healthy answer, and the latency', async () => {
    const server = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ok', version: { major: 2 }, ready: true }));
    });
    try {
      const probe = (extra: object, maxLatencyMs = 2_000) => probeProduct({ url: server.url, maxLatencyMs, ...extra }, loopback);
      expect(await probe({ expectText: '"status":"ok"' })).toMatchObject({ ok: true, status: 200 });
      expect(await probe({ expectText: 'Cổng dịch vụ công' })).toMatchObject({ ok: false, reasons: [{ code: 'EXPECTED_TEXT' }] });
      expect(await probe({ expectJsonPointer: '/status', expectJsonValue: 'ok' })).toMatchObject({ ok: true });
      expect(await probe({ expectJsonPointer: '/ready', expectJsonValue: 'true' })).toMatchObject({ ok: true });
      expect(await probe({ expectJsonPointer: '/version', expectJsonValue: '{"major":2}' })).toMatchObject({ ok: true });
      expect(await probe({ expectJsonPointer: '/version/major' })).toMatchObject({ ok: true });
      expect(await probe({ expectJsonPointer: '/status', expectJsonValue: 'down' })).toMatchObject({ ok: false, reasons: [{ code: 'EXPECTED_JSON', params: { pointer: '/status' } }] });
      expect(await probe({ expectJsonPointer: '/missing' })).toMatchObject({ ok: false, reasons: [{ code: 'EXPECTED_JSON' }] });
    } finally {
      await server.close();
    }
  });

  it('parses the allowlist of hosts and CIDRs, and classifies addresses', () => {
    expect(parseAllowList('Product.Test, 127.0.0.0/8, 10.20.0.5, ::1')).toEqual({ allowedHosts: ['product.test'], allowedCidrs: ['127.0.0.0/8', '10.20.0.5/32', '::1/128'] });
    expect(addressProblem('8.8.8.8', { allowedCidrs: [] })).toBeNull();
    expect(addressProblem('100.100.100.200', { allowedCidrs: ['100.64.0.0/10'] })).toBe('metadata');
    expect(addressProblem('fd00:ec2::254', { allowedCidrs: [] })).toBe('metadata');
    // An allowlisted host name may resolve to a private address, never to a metadata one.
    expect(addressProblem('10.1.2.3', { allowedCidrs: [] }, true)).toBeNull();
    expect(addressProblem('169.254.169.254', { allowedCidrs: [] }, true)).toBe('metadata');
    expect(addressProblem('100.64.1.1', { allowedCidrs: [] })).toBe('carrierGradeNat');
  });
});
