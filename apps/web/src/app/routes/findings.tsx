import { useServices } from '../../features/organisation/api/get-services';
import { useTeams } from '../../features/organisation/api/get-teams';
import { FindingsFilterBar } from '../../features/findings/components/findings-filter-bar';
import { FindingsPanel } from '../../features/findings/components/findings-panel';
import { ExportMenu } from '../../components/ui/export-menu';
import { DEFAULT_FINDINGS_QUERY, findingsApiParams } from '../../features/findings/findings-query';
import { nextSort } from '../../features/findings/table-sort';
import { useFindingsUrl } from '../../features/findings/use-findings-url';

/** Every finding, filtered and sorted by what is in the URL, a page at a time. */
export function FindingsPage() {
  const { query, cursor, trail, setQuery, nextPage, previousPage } = useFindingsUrl();
  // Features do not know each other: the page hands the team and service lists to the findings filters.
  const teams = useTeams();
  const services = useServices();

  return (
    <>
      <title>Findings · Escapement</title>
      <div className="page-header">
        <h1>Findings</h1>
        <p className="muted">Every security finding, where it was first caught, whether it escaped, and why the threat model did not stop it.</p>
        <div className="page-actions">
          {/* Every finding the filters match, not only this page (docs/exports.md). */}
          <ExportMenu name="findings" params={findingsApiParams(query, null, 0)} formats={['csv', 'xlsx', 'json', 'sarif']} label="Export findings" />
        </div>
      </div>
      <FindingsFilterBar
        query={query}
        onChange={setQuery}
        teams={{ items: teams.data ?? [], unavailable: teams.isError }}
        services={{ items: services.data ?? [], unavailable: services.isError }}
      />
      <FindingsPanel
        query={query}
        cursor={cursor}
        trail={trail}
        onSort={(column) => setQuery({ ...query, ...nextSort(query, column) })}
        onNext={nextPage}
        onPrevious={previousPage}
        onReset={() => setQuery({ ...DEFAULT_FINDINGS_QUERY, sort: query.sort, order: query.order })}
      />
    </>
  );
}
