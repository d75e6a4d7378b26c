import { useRef, useState } from 'react';
import { toCsv, type CsvValue } from '../../lib/csv';
import { downloadBlob, svgToPngBlob } from '../../lib/download';

/** The data a chart shows, as the rows of its CSV. */
export interface ChartTable {
  header: string[];
  rows: CsvValue[][];
}

interface ChartDownloadProps {
  /** File name without extension, e.g. `escape-rate-by-class`. */
  fileName: string;
  /** Built on demand, so that a chart does not format its CSV on every render. */
  table: () => ChartTable;
  /** Offer a PNG of the chart's SVG; off for charts drawn as HTML tables (the heat map). */
  png?: boolean;
}

/**
 * "Download" for one chart: the data shown as CSV, and the drawing as PNG. The PNG is taken from the
 * first Recharts surface inside the nearest `.chart`, so the menu can sit anywhere in the chart's box.
 */
export function ChartDownload({ fileName, table, png = true }: ChartDownloadProps) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [error, setError] = useState<string | null>(null);

  const close = () => menu.current?.removeAttribute('open');

  const downloadCsv = () => {
    const { header, rows } = table();
    // The BOM makes spreadsheet programs read the file as UTF-8 (names with accents, en dashes).
    downloadBlob(new Blob(['\uFEFF', toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
    close();
  };

  const downloadPng = async () => {
    const svg = menu.current?.closest('.chart')?.querySelector<SVGSVGElement>('svg.recharts-surface');
    try {
      if (!svg) throw new Error('The chart is not drawn yet');
      downloadBlob(await svgToPngBlob(svg), `${fileName}.png`);
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The PNG could not be made');
    }
    close();
  };

  return (
    <div className="chart-download">
      <details ref={menu} className="menu">
        <summary className="button button-quiet button-small">Download</summary>
        <ul className="menu-list">
          <li>
            <button type="button" className="menu-item" onClick={downloadCsv} data-testid="download-csv">
              Data (CSV)
            </button>
          </li>
          {png && (
            <li>
              <button type="button" className="menu-item" onClick={() => void downloadPng()} data-testid="download-png">
                Image (PNG)
              </button>
            </li>
          )}
        </ul>
      </details>
      {error && (
        <p className="small form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
