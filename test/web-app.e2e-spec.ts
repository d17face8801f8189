import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type TestStack } from './helpers/test-stack';

/** The API serves the built web app at `/` with its security and caching headers; /api is unchanged. */
describe('The web app served by the API', () => {
  let stack: TestStack;
  const script = readdirSync(join(__dirname, '..', 'dist', 'web', 'assets')).find((file) => file.startsWith('index-') && file.endsWith('.js'));

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });

  afterAll(() => stack?.close());

  it('answers / with the page, revalidated on every visit, under a strict CSP', async () => {
    const res = await stack.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<div id="root"></div>');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it.each(['/tasks', '/tasks/0b8f6f5e-2f44-4c1e-9d59-0f5f2f1d1a11', '/decisions?task=x&request=y', '/sign-in?next=%2Ftasks'])(
    'answers the app’s page %s with the page (the app’s router shows it)',
    async (path) => {
      const res = await stack.http().get(path).expect(200);
      expect(res.text).toContain('<div id="root"></div>');
    },
  );

  it('caches hashed assets for a year and sends them gzipped', async () => {
    expect(script).toBeDefined();
    const res = await stack
      .http()
      .get(`/assets/${script}`)
      .set('Accept-Encoding', 'gzip')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['content-encoding']).toBe('gzip');
    // supertest has already decompressed the body.
    expect((res.body as Buffer).toString('utf8')).toMatch(/^(import|const|var|function|\(|!)/);
  });

  it('answers a missing asset and an unknown API route with JSON 404s, not the page', async () => {
    const asset = await stack.http().get('/assets/missing-0000.js').expect(404);
    expect(asset.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    const api = await stack.http().get('/api/no-such-route').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('leaves the API and its documents where they were', async () => {
    await stack.http().get('/api/health').expect(200);
    const docs = await stack.http().get('/api/docs-json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
  });
});
