/*
 * # Importing findings from a spreadsheet (CSV)
 *
 * Pentest reports, review notes, bug-bounty and incident lists usually live in spreadsheets. Save the
 * sheet as CSV (UTF-8, comma- or semicolon-separated) and import it. The first line names the columns,
 * in any order; column names ignore case, and `_`, `-` and spaces are the same (`Rule ID`, `rule-id`
 * and `rule_id` all work). Cells may be quoted as RFC 4180 describes, so they can hold commas, quotes
 * (written twice: `""`) and line breaks. Empty cells mean "not given". A column the importer does not
 * know is an error, so that a typo in a column name never drops data silently.
 *
 * | column          | required | meaning |
 * | --------------- | -------- | ------- |
 * | `title`         | yes      | What the finding is, in one line (line breaks become spaces); up to 1000 characters. |
 * | `severity`      | yes      | `critical`, `high`, `medium`, `low` or `info` (`informational` is read as `info`). |
 * | `service`       | no       | The service the finding is in; when absent, the import's default service. Up to 200 characters. |
 * | `source_kind`   | no       | Who found it: `sast`, `sca`, `secrets`, `iac`, `dast`, `code_review`, `threat_model_review`, `pentest`, `bug_bounty`, `incident` or `other`. When absent, the import's default. |
 * | `tool`          | no       | The tool or practice that found it (`Burp Suite`, `manual review`); up to 200 characters. |
 * | `rule_id`       | no       | The tool's rule or check id (`AUTHZ-001`); up to 500 characters. |
 * | `cwe`           | no       | CWE ids, separated by commas, semicolons or spaces: `CWE-639; CWE-285` or `639, 285`. |
 * | `repo`          | no       | The repository (`github.com/acme/payments-api`); up to 500 characters. |
 * | `path`          | no       | The file, relative to the repository (`src/orders/refund.ts`), or a URL for findings in a running system; up to 2000 characters. |
 * | `line`          | no       | The line in that file, a whole number. |
 * | `fingerprint`   | no       | Your stable id for the issue (a ticket or report id), up to 512 characters. Rows with the same fingerprint and service are one finding. When empty, one is computed from tool, rule id, repo, path, CWE ids and (without a rule id) the title, never from the line, so the same issue imported again is recognised. |
 * | `stage`         | no       | Where it was found: `design`, `code_review`, `ci`, `pre_release` or `production`. When empty, the source kind's usual stage (a pentest is `pre_release`, a bug bounty `production`). |
 * | `detected_at`   | no       | When it was found: `2026-05-04` or `2026-05-04T10:00:00Z`. A date alone, or a time without a zone, is read as UTC. When empty, the time of the import. |
 * | `introduced_at` | no       | When the flawed code was written or merged, same format; it cannot be after `detected_at`. |
 * | `status`        | no       | `open`, `fixed`, `accepted_risk`, `suppressed` or `false_positive` (`False positive` works too). |
 *
 * Values of `severity`, `source_kind`, `stage` and `status` ignore case, and `-` or spaces may stand
 * for `_` (`Pre-release`, `code review`). Every problem is reported with its line in the file, its
 * column number and the column name, for example
 * `line 7, column 3 (severity): "urgent" is not one of critical, high, medium, low, info`;
 * up to 100 problems are listed at once, and nothing is imported until there are none.
 */

export const CSV_COLUMNS = [
  'title',
  'severity',
  'service',
  'source_kind',
  'tool',
  'rule_id',
  'cwe',
  'repo',
  'path',
  'line',
  'fingerprint',
  'stage',
  'detected_at',
  'introduced_at',
  'status',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['title', 'severity'];

/** The column a header cell names, or null: case, surrounding space and `_`/`-`/space do not matter. */
export function csvColumnOf(header: string): CsvColumn | null {
  const name = header.trim().toLowerCase().replace(/[\s_-]+/g, '_');
  return (CSV_COLUMNS as readonly string[]).includes(name) ? (name as CsvColumn) : null;
}
