import { stringOption, UsageError, type ParsedArgs } from '../args';
import { apiClient } from './api-client';

const FORMATS = ['csv', 'xlsx', 'json', 'sarif'];

/** The findings list's filters, passed on as they are; team and service take ids or names. */
const FINDING_FILTERS = [
  'team', 'service', 'stage', 'severity', 'class', 'from', 'to', 'category', 'status', 'escaped', 'boundary',
  'gap', 'cwe', 'q', 'sort', 'order', 'date-by', 'counted', 'threat-model', 'component',
];

const camel = (option: string) => option.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** `escapement export findings --format xlsx --team Payments -o payments.xlsx`. */
export async function exportCommand(args: ParsedArgs): Promise<void> {
  const [, what] = args.positional;
  if (what !== 'findings') throw new UsageError(`export what? only "export findings" is known${what ? `, not "${what}"` : ''}`);
  const format = stringOption(args, 'format') ?? 'csv';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const query = new URLSearchParams({ format });
  for (const option of FINDING_FILTERS) {
    const value = stringOption(args, option);
    if (value !== undefined) query.set(camel(option), value);
  }
  const { file, bytes } = await apiClient(args, 'cli').download(`/api/v1/exports/findings?${query}`, stringOption(args, 'output'));
  if (file !== '-') console.error(`wrote ${file} (${bytes} bytes)`);
}
