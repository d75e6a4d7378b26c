import { useId } from 'react';
import { QueryContent } from '../../components/ui/query-content';
import { AdoptionForm } from '../../features/adoptions/components/adoption-form';
import { AdoptionsTable } from '../../features/adoptions/components/adoptions-table';
import { knownPractices } from '../../features/adoptions/adoption-form';
import { useSession } from '../../features/auth/api/get-session';
import { can } from '../../features/auth/session-rules';
import { useAdoptions } from '../../features/adoptions/api/get-adoptions';
import { useServices } from '../../features/organisation/api/get-services';
import { useTeams } from '../../features/organisation/api/get-teams';

/** When teams and services started a practice: the dates the metrics compare before and after. */
export function AdoptionsPage() {
  const listTitle = useId();
  const formTitle = useId();
  const adoptions = useAdoptions();
  const teams = useTeams();
  const services = useServices();
  const canRecord = can(useSession().data?.user.role, 'recordAdoption');

  return (
    <>
      <title>Adoptions · Escapement</title>
      <div className="page-header">
        <h1>Adoptions</h1>
        <p className="muted">
          Which team or service started a practice, when, and when it stopped. The overview marks these dates; adoption impact compares the escape rates before
          and after them.
        </p>
      </div>
      <div className="two-columns two-columns-wide-first">
        <section className="card" aria-labelledby={listTitle}>
          <h2 id={listTitle}>Recorded adoptions</h2>
          <QueryContent
            query={adoptions}
            what="the adoptions"
            empty={{ title: 'No adoptions recorded', body: <p>Record the date a team started context-aware development to see its effect on escapes.</p> }}
          >
            {(items) => <AdoptionsTable adoptions={items} canChange={canRecord} />}
          </QueryContent>
        </section>
        {canRecord ? (
          <section className="card" aria-labelledby={formTitle}>
            <h2 id={formTitle}>Record an adoption</h2>
            <AdoptionForm teams={teams.data ?? []} services={services.data ?? []} practices={knownPractices(adoptions.data ?? [])} />
          </section>
        ) : (
          <p className="muted">Administrators, security leads and managers record adoptions.</p>
        )}
      </div>
    </>
  );
}
