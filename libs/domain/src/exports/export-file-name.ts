/**
 * The file name an export is offered under: what it holds, for whom, and when it was made, e.g.
 * `escapement-findings-payments-2026-12-05.xlsx`, so a folder of downloads sorts and reads well.
 */
export function exportFileName(what: string, scope: string | null, at: Date, extension: string): string {
  const parts = ['escapement', slug(what), scope ? slug(scope) : 'organisation', at.toISOString().slice(0, 10)].filter((part) => part !== '');
  return `${parts.join('-')}.${extension}`;
}

/** Letters and digits of any script kept, everything else one hyphen; at most 60 characters. */
function slug(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * A Content-Disposition value (RFC 6266): an ASCII fallback name and the exact one in RFC 5987
 * encoding, so non-Latin team names survive in browsers and `curl -OJ` alike.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'export';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
