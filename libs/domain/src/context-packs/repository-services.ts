import { repositoryRuleMatches } from '../threat-models/component-matching';

/** A service with the repository rules that tie it to code: its own patterns and its model's components' rules. */
export interface ServiceRepositories {
  service: string;
  repositoryRules: readonly string[];
}

/**
 * The services whose repository rules name the repository (`git@github.com:acme/pay.git`,
 * `https://github.com/acme/pay`, `acme/pay` … all name one repository), so a command run in a
 * checkout can find its service from the checkout's remote.
 */
export function servicesOfRepository(candidates: readonly ServiceRepositories[], repo: string): string[] {
  return candidates
    .filter((candidate) => candidate.repositoryRules.some((rule) => repositoryRuleMatches(rule, repo)))
    .map((candidate) => candidate.service);
}
