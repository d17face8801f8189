import { spawnSync } from 'node:child_process';

/**
 * The text of a PDF, page by page, read by Mozilla's PDF.js (pdfjs-dist) in a child Node process:
 * PDF.js is an ES module, which Jest's CommonJS sandbox cannot import.
 */
export function pdfText(pdf: Buffer): string[] {
  const script = `
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, isEvalSupported: false }).promise;
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : '') : '')).join(''));
    }
    process.stdout.write(JSON.stringify(pages));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`reading the PDF failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}
