import { stringOption, UsageError, type ParsedArgs } from '../args';
import { apiClient } from './api-client';

/** `escapement report --team Payments --quarter 2026-Q3 -o report.pdf`: the PDF the server draws. */
export async function reportCommand(args: ParsedArgs): Promise<void> {
  const query = new URLSearchParams();
  for (const option of ['team', 'quarter', 'from', 'to']) {
    const value = stringOption(args, option);
    if (value !== undefined) query.set(option, value);
  }
  if (query.has('quarter') && (query.has('from') || query.has('to'))) throw new UsageError('give --quarter or --from and --to, not both');
  const { file, bytes } = await apiClient(args, 'cli').download(`/api/v1/reports/team.pdf?${query}`, stringOption(args, 'output'));
  if (file !== '-') console.error(`wrote ${file} (${bytes} bytes)`);
}
