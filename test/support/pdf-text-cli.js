'use strict';
/**
 * Prints the text of the PDF at argv[2] as JSON { pages, text }, with pdf-parse. Run as its own Node
 * process: pdf-parse loads its PDF engine with a dynamic import, which Jest's module runtime refuses.
 */
const fs = require('node:fs');
const { PDFParse } = require('pdf-parse');

async function main() {
  const parser = new PDFParse({ data: new Uint8Array(fs.readFileSync(process.argv[2])) });
  try {
    const result = await parser.getText();
    process.stdout.write(JSON.stringify({ pages: result.total, text: result.text }));
  } finally {
    await parser.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
