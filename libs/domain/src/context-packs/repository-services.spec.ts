import { servicesOfRepository } from './repository-services';

describe(servicesOfRepository.name, () => {
  const candidates = [
    { service: 'payments-api', repositoryRules: ['acme/payments-api'] },
    { service: 'ledger', repositoryRules: ['github.com/acme/ledger-*'] },
    { service: 'docs', repositoryRules: [] },
  ];

  it('finds the service from any way of writing the repository', () => {
    for (const remote of ['git@github.com:acme/payments-api.git', 'https://github.com/Acme/payments-api', 'acme/payments-api']) {
      expect(servicesOfRepository(candidates, remote)).toEqual(['payments-api']);
    }
    expect(servicesOfRepository(candidates, 'https://github.com/acme/ledger-core.git')).toEqual(['ledger']);
  });

  it('finds nothing for a repository no rule names', () => {
    expect(servicesOfRepository(candidates, 'github.com/acme/other')).toEqual([]);
  });
});
