import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { QueryContent } from '../../components/ui/query-content';
import { AdoptionForm } from '../../features/adoptions/components/adoption-form';
import { AdoptionsTable } from '../../features/adoptions/components/adoptions-table';
import { knownPractices } from '../../features/adoptions/adoption-form';
import { useSession } from '../../features/auth/api/get-session';
import { can } from '../../features/auth/session-rules';
import { getAdoptionsQueryOptions, useAdoptions } from '../../features/escape-rate/api/get-adoptions';
import { useServices } from '../../features/filters/api/get-services';
import { useTeams } from '../../features/filters/api/get-teams';

/** When teams and services started a practice: the dates the metrics compare before and after. */
export function AdoptionsPage() {
  const listTitle = useId();
  const formTitle = useId();
  const adoptions = useAdoptions();
  const teams = useTeams();
  const services = useServices();
  const queryClient = useQueryClient();
  const canRecord = can(useSession().data?.user.role, 'recordAdoption');
  // Features do not know each other: the page refreshes the list the escape-rate feature owns, which
  // also moves the adoption markers on the overview.
  const refresh = () => queryClient.invalidateQueries({ queryKey: getAdoptionsQueryOptions().queryKey });

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
            {(items) => <AdoptionsTable adoptions={items} canChange={canRecord} onChanged={refresh} />}
          </QueryContent>
        </section>
        {canRecord ? (
          <section className="card" aria-labelledby={formTitle}>
            <h2 id={formTitle}>Record an adoption</h2>
            <AdoptionForm teams={teams.data ?? []} services={services.data ?? []} practices={knownPractices(adoptions.data ?? [])} onCreated={refresh} />
          </section>
        ) : (
          <p className="muted">Administrators, security leads and managers record adoptions.</p>
        )}
      </div>
    </>
  );
}
