import type { Role } from '@escapement/domain';
import { invalid } from '../common/domain-error';

/**
 * Which roles take teams: a manager manages at least one team; a viewer may be limited to teams or see
 * the whole organisation; admins and security leads always see everything, so teams would only mislead.
 */
export function checkTeamsForRole(role: Role, teamIds: readonly string[]): void {
  if ((role === 'admin' || role === 'security_lead') && teamIds.length) {
    throw invalid(`A ${role} sees every team: give no teams`, [{ pointer: '/teamIds', message: `not allowed for ${role}` }]);
  }
  if (role === 'manager' && !teamIds.length) {
    throw invalid('A manager needs at least one team', [{ pointer: '/teamIds', message: 'required for manager' }]);
  }
}
