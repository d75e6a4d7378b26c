import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A PDF's page count and its text with white space collapsed (lines wrap wherever the layout puts them). */
export function pdfText(pdf: Buffer): { pages: number; text: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-pdf-')), 'report.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const run = spawnSync(process.execPath, [path.join(__dirname, 'pdf-text-cli.js'), file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`pdf-parse could not read the PDF: ${run.stderr}`);
    const { pages, text } = JSON.parse(run.stdout) as { pages: number; text: string };
    return { pages, text: text.replace(/\s+/g, ' ') };
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
