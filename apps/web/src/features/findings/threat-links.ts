import type { FindingLinkDto, FindingLinkThreatDto } from '@escapement/domain';

/** A component the finding lives in, with the threats of it the finding realises. */
export interface ComponentLinks {
  threatModelId: string;
  service: string;
  component: FindingLinkDto['component'];
  /** Whether a person made any of these links, which the linker will not undo. */
  manual: boolean;
  threats: FindingLinkThreatDto[];
}

/**
 * Groups the API's links (one per component, and one per component and threat) by component, so each
 * component is shown once with its threats under it.
 */
export function groupLinksByComponent(links: readonly FindingLinkDto[]): ComponentLinks[] {
  const groups = new Map<string, ComponentLinks>();
  for (const link of links) {
    const id = `${link.threatModelId}\u0000${link.component.key}`;
    let group = groups.get(id);
    if (group === undefined) {
      group = { threatModelId: link.threatModelId, service: link.service, component: link.component, manual: false, threats: [] };
      groups.set(id, group);
    }
    if (link.source === 'manual') group.manual = true;
    if (link.threat !== null && !group.threats.some((threat) => threat.key === link.threat!.key)) group.threats.push(link.threat);
  }
  return [...groups.values()];
}
