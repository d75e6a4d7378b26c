import { useId } from 'react';
import { QueryContent } from '../../components/ui/query-content';
import { useSession } from '../../features/auth/api/get-session';
import { can } from '../../features/auth/session-rules';
import { useServices } from '../../features/organisation/api/get-services';
import { useTeams } from '../../features/organisation/api/get-teams';
import { ServiceForm } from '../../features/organisation/components/service-form';
import { ServicesTable, TeamsTable } from '../../features/organisation/components/organisation-tables';
import { TeamForm } from '../../features/organisation/components/team-form';

/** The organisation's shape: teams, and the services whose findings are counted under them. */
export function TeamsPage() {
  const teamsTitle = useId();
  const servicesTitle = useId();
  const teams = useTeams();
  const services = useServices();
  const canOrganise = can(useSession().data?.user.role, 'organise');

  return (
    <>
      <title>Teams & services · Escapement</title>
      <div className="page-header">
        <h1>Teams & services</h1>
        <p className="muted">
          Who owns what. Metrics, filters and adoptions are per team and per service; uploads name their service.
          {!canOrganise && ' Administrators and security leads add teams and services.'}
        </p>
      </div>
      <div className="two-columns">
        <section className="card" aria-labelledby={teamsTitle}>
          <h2 id={teamsTitle}>Teams</h2>
          <QueryContent query={teams} what="the teams" empty={{ title: 'No teams yet', body: <p>Create one to group services and record adoptions.</p> }}>
            {(items) => <TeamsTable teams={items} services={services.data ?? []} />}
          </QueryContent>
          {canOrganise && <TeamForm teams={teams.data ?? []} />}
        </section>
        <section className="card" aria-labelledby={servicesTitle}>
          <h2 id={servicesTitle}>Services</h2>
          <QueryContent
            query={services}
            what="the services"
            empty={{ title: 'No services yet', body: <p>The first upload that names a service creates it; or create one here.</p> }}
          >
            {(items) => <ServicesTable services={items} />}
          </QueryContent>
          {canOrganise && <ServiceForm teams={teams.data ?? []} services={services.data ?? []} />}
        </section>
      </div>
    </>
  );
}
