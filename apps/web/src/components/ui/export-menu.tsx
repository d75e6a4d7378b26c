import { buildApiUrl, type QueryParams } from '../../lib/api-client';

const LABELS: Record<string, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)', json: 'JSON', sarif: 'SARIF 2.1.0' };

interface ExportMenuProps {
  /** `findings`, or a metric: `escape-rate`, `adoption-impact`, `containment`, `change-context`. */
  name: string;
  /** The view's own filters, passed on as they are (the server applies the caller's team limits). */
  params: QueryParams;
  formats?: readonly string[];
  label?: string;
}

/**
 * "Export" for a page or chart: links to the server's exports with the view's filters, so the file holds
 * every row (not only the page shown) and the download is audited. Plain links: the browser streams the
 * file to disk under the name the server gives.
 */
export function ExportMenu({ name, params, formats = ['csv', 'xlsx', 'json'], label = 'Export' }: ExportMenuProps) {
  const cleaned: QueryParams = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'cursor' && key !== 'limit'));
  return (
    <details className="menu export-menu">
      <summary className="button button-quiet button-small">{label}</summary>
      <ul className="menu-list">
        {formats.map((format) => (
          <li key={format}>
            <a className="menu-item" href={buildApiUrl(`/exports/${name}`, { ...cleaned, format })} download data-testid={`export-${name}-${format}`}>
              {LABELS[format] ?? format}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
