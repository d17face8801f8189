import { existsSync } from 'node:fs';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import { AppConfig } from '@dondoc/config';

/** Chromium's flags for printing on a server: no sandbox (containers run as an unprivileged user without namespaces), no GPU, no network chatter. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

/**
 * Prints HTML to PDF with a headless Chromium (CHROMIUM_PATH): the print views of the weekly
 * briefing and the quarterly scorecard. The page is ours (escaped text, inline styles, no
 * scripts) and may fetch nothing: every request it would make is refused. One browser per process,
 * launched at the first print and again after a crash; a page per print. Without CHROMIUM_PATH
 * (or with a path that does not exist) `available` is false and the reports offer XLSX only.
 */
@Injectable()
export class PdfPrinter implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfPrinter.name);
  private browser?: Promise<Browser>;

  constructor(private readonly config: AppConfig) {}

  /** Whether a Chromium is configured and present. */
  get available(): boolean {
    const path = this.config.printing.chromiumPath;
    return Boolean(path && existsSync(path));
  }

  /** The HTML document as an A4 PDF, page numbers in the footer; fonts used are embedded. */
  async print(html: string, footer = ''): Promise<Buffer> {
    if (!this.available) throw new Error('no Chromium to print with: set CHROMIUM_PATH');
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="width:100%;font-size:8px;font-family:'DejaVu Sans',sans-serif;color:#555;padding:0 12mm;display:flex;justify-content:space-between"><span>${escapeHtml(footer)}</span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`,
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    this.browser ??= chromium.launch({ executablePath: this.config.printing.chromiumPath, args: CHROMIUM_ARGS }).then(
      (browser) => {
        browser.on('disconnected', () => {
          this.logger.warn('Chromium for printing exited; the next print launches it again');
          this.browser = undefined;
        });
        return browser;
      },
      (error: unknown) => {
        this.browser = undefined;
        throw error;
      },
    );
    return this.browser;
  }
}

/** Text for HTML: the five characters that matter escaped. */
export function escapeHtml(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A printable HTML document: the title, the body (already escaped HTML), A4 styles and fonts that cover Vietnamese. */
export function printDocument(input: { title: string; language: 'vi' | 'en'; body: string }): string {
  return `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title><style>${PRINT_CSS}</style></head><body>${input.body}</body></html>`;
}

const PRINT_CSS = `
  @page { size: A4; }
  body { font-family: 'DejaVu Sans', 'Noto Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; color: #111; line-height: 1.4; }
  h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm; text-transform: uppercase; }
  h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }
  .sub { text-align: center; color: #333; margin: 0 0 5mm; }
  table { width: 100%; border-collapse: collapse; margin: 2mm 0; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #888; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
  th { background: #eee; font-weight: bold; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  dl { display: grid; grid-template-columns: 55mm 1fr; gap: 1mm 4mm; margin: 0 0 3mm; }
  dt { font-weight: bold; } dd { margin: 0; }
  .total { font-weight: bold; font-size: 12pt; }
  .muted { color: #555; font-size: 9pt; }
  .nowrap { white-space: nowrap; }
  .hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt; word-break: break-all; }
`;
