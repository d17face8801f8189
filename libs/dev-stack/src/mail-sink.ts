import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** One message the sink received, parsed. */
export interface CapturedMail {
  id: string;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  raw: string;
  /** The files attached (a weekly briefing's XLSX). */
  attachments: CapturedAttachment[];
}

export interface CapturedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** How the SMTP server answers DATA, to test retries and permanent failures. */
export type SmtpFailure = { code: number; message: string; times?: number };

export interface MailSinkOptions {
  smtpPort?: number;
  /** Serve the mailbox page and JSON on this port (0 picks one); no HTTP when omitted. */
  httpPort?: number;
  host?: string;
  /** Keep messages as .eml files here so they survive a restart; memory only when omitted. */
  dir?: string;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((entry) => entry.value.map((address) => address.address ?? '')).filter(Boolean);
}

function toCaptured(id: string, receivedAt: string, raw: string, parsed: ParsedMail, envelope: { from: string; to: string[] }): CapturedMail {
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  return {
    id,
    receivedAt,
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to,
    from: parsed.from?.text ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    messageId: parsed.messageId ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers,
    raw,
    attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
  };
}

/** An attachment as the mailbox's JSON shows it: its name, type and size, not its bytes. */
const described = ({ filename, contentType, content }: CapturedAttachment) => ({ filename, contentType, size: content.length });

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * A local SMTP server that keeps every message it receives: the development mailbox of
 * `npm start` (with a page at its HTTP port) and the mail server of the integration tests.
 */
export class MailSink {
  private readonly messages: CapturedMail[] = [];
  private readonly waiters = new Set<() => void>();
  private failure?: SmtpFailure;
  private smtp?: SMTPServer;
  private http?: Server;
  smtpPort = 0;
  httpPort?: number;

  private constructor(private readonly options: MailSinkOptions) {}

  static async start(options: MailSinkOptions = {}): Promise<MailSink> {
    const sink = new MailSink(options);
    await sink.listen();
    return sink;
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  get httpUrl(): string | undefined {
    return this.httpPort === undefined ? undefined : `http://localhost:${this.httpPort}`;
  }

  /** Every message so far, oldest first. */
  all(): CapturedMail[] {
    return [...this.messages];
  }

  /** Messages to one recipient. */
  to(address: string): CapturedMail[] {
    return this.messages.filter((mail) => mail.envelopeTo.includes(address.toLowerCase()));
  }

  clear(): void {
    this.messages.length = 0;
  }

  /** Answers the next `times` deliveries (all, if omitted) with an SMTP error. */
  failWith(failure: SmtpFailure | undefined): void {
    this.failure = failure ? { ...failure } : undefined;
  }

  /** Resolves with the matching messages once `count` of them have arrived. */
  async waitFor(predicate: (mail: CapturedMail) => boolean, count = 1, timeoutMs = 20_000): Promise<CapturedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(predicate);
      if (found.length >= count) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `Expected ${count} matching email(s), got ${found.length}. Received: ${this.messages.map((m) => `${m.envelopeTo.join(',')}: ${m.subject}`).join(' | ') || 'none'}`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(remaining, 500));
        this.waiters.add(wake);
      });
    }
  }

  async stop(): Promise<void> {
    await Promise.all([
      new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve())),
      new Promise<void>((resolve) => {
        if (!this.http) return resolve();
        this.http.closeAllConnections();
        this.http.close(() => resolve());
      }),
    ]);
  }

  private async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    if (this.options.dir) await this.load(this.options.dir);
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 25 * 1024 * 1024,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'dev' }),
      onData: (stream, session, callback) => this.receive(stream, session.envelope, callback),
    });
    this.smtp.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.smtp!.server.once('error', reject);
      this.smtp!.listen(this.options.smtpPort ?? 0, host, () => resolve());
    });
    this.smtpPort = (this.smtp.server.address() as AddressInfo).port;
    if (this.options.httpPort !== undefined) {
      this.http = createHttpServer((req, res) => this.serve(req, res));
      await new Promise<void>((resolve, reject) => {
        this.http!.once('error', reject);
        this.http!.listen(this.options.httpPort, host, () => resolve());
      });
      this.httpPort = (this.http.address() as AddressInfo).port;
    }
  }

  private receive(
    stream: SMTPServerDataStream,
    envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] },
    callback: (error?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const failure = this.failure;
      if (failure) {
        if (failure.times !== undefined && --failure.times <= 0) this.failure = undefined;
        const error = Object.assign(new Error(failure.message), { responseCode: failure.code });
        return callback(error);
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const receivedAt = new Date().toISOString();
      const id = `${receivedAt.replace(/[-:.TZ]/g, '')}-${createHash('sha1').update(raw).digest('hex').slice(0, 8)}`;
      const from = envelope.mailFrom ? envelope.mailFrom.address : '';
      const to = envelope.rcptTo.map((r) => r.address.toLowerCase());
      simpleParser(raw)
        .then((parsed) => {
          this.messages.push(toCaptured(id, receivedAt, raw, parsed, { from, to }));
          if (this.options.dir) {
            writeFileSync(join(this.options.dir, `${id}.eml`), raw);
            writeFileSync(join(this.options.dir, `${id}.json`), JSON.stringify({ receivedAt, from, to }));
          }
          this.waiters.forEach((wake) => wake());
          callback();
        })
        .catch((error: Error) => callback(error));
    });
  }

  private async load(dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.eml')).sort()) {
      const id = file.slice(0, -4);
      const raw = readFileSync(join(dir, file), 'utf8');
      const metaPath = join(dir, `${id}.json`);
      const meta = existsSync(metaPath)
        ? (JSON.parse(readFileSync(metaPath, 'utf8')) as { receivedAt: string; from: string; to: string[] })
        : { receivedAt: '', from: '', to: [] };
      this.messages.push(toCaptured(id, meta.receivedAt, raw, await simpleParser(raw), meta));
    }
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    const json = (status: number, body: unknown) => send(status, 'application/json; charset=utf-8', JSON.stringify(body));
    if (req.method === 'DELETE' && url.pathname === '/messages') {
      this.clear();
      return json(200, { deleted: true });
    }
    if (req.method !== 'GET') return json(405, { error: 'method not allowed' });
    if (url.pathname === '/messages') {
      return json(
        200,
        [...this.messages].reverse().map(({ raw: _raw, html: _html, attachments, ...summary }) => ({ ...summary, attachments: attachments.map(described) })),
      );
    }
    const match = /^\/messages\/([\w-]+)(\.eml|\/html)?$/.exec(url.pathname);
    if (match) {
      const mail = this.messages.find((m) => m.id === match[1]);
      if (!mail) return json(404, { error: 'no such message' });
      if (match[2] === '.eml') return send(200, 'message/rfc822', mail.raw);
      if (match[2] === '/html') {
        return send(200, 'text/html; charset=utf-8', mail.html || `<pre>${escapeHtml(mail.text)}</pre>`, {
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
        });
      }
      return json(200, { ...mail, attachments: mail.attachments.map(described) });
    }
    if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', this.page(url.searchParams.get('id')));
    return json(404, { error: 'not found' });
  }

  /** The mailbox page: a list of messages and the selected one, Vietnamese first. */
  private page(selectedId: string | null): string {
    const list = [...this.messages].reverse();
    const selected = list.find((m) => m.id === selectedId) ?? list[0];
    const rows = list
      .map(
        (m) => `<li class="${m === selected ? 'on' : ''}"><a href="/?id=${m.id}"><b>${escapeHtml(m.subject || '(không tiêu đề)')}</b><br><small>${escapeHtml(m.envelopeTo.join(', '))} · ${escapeHtml(m.receivedAt)}</small></a></li>`,
      )
      .join('');
    const detail = selected
      ? `<h2>${escapeHtml(selected.subject)}</h2>
<p><small>Từ / From: ${escapeHtml(selected.from)}<br>Đến / To: ${escapeHtml(selected.to.join(', '))}<br>Message-ID: ${escapeHtml(selected.messageId)}</small></p>
<iframe sandbox src="/messages/${selected.id}/html" title="HTML"></iframe>
<details><summary>Văn bản thuần / Plain text</summary><pre>${escapeHtml(selected.text)}</pre></details>
<p><a href="/messages/${selected.id}.eml">Tải .eml / Download .eml</a></p>`
      : '<p>Chưa có thư nào. / No messages yet.</p>';
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hộp thư phát triển — dondoc</title>
<meta http-equiv="refresh" content="15">
<style>body{font-family:Arial,sans-serif;margin:0;display:flex;height:100vh}nav{width:34%;overflow:auto;border-right:1px solid #ddd}
nav h1{font-size:16px;padding:12px;margin:0;background:#b91c1c;color:#fff}ul{list-style:none;margin:0;padding:0}li a{display:block;padding:10px 12px;color:#222;text-decoration:none;border-bottom:1px solid #eee}
li.on a{background:#fdecec}main{flex:1;padding:16px;overflow:auto}iframe{width:100%;height:60vh;border:1px solid #ddd}</style></head>
<body><nav><h1>Hộp thư phát triển (${list.length})<br><small>Development mailbox</small></h1><ul>${rows}</ul></nav><main>${detail}</main></body></html>`;
  }
}
