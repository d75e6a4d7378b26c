import { childPointer } from '../json-pointer';
import type { JsonObject, JsonReader } from '../json-reader';
import { countOf } from '../problem-list';
import type { SarifComponent, SarifRule } from './sarif-rules';
import type { SarifRunContext } from './sarif-run-context';

export interface RuleMatch {
  /** The result's rule id as it wrote it (hierarchical ids kept whole), else its rule's id. */
  ruleId: string | null;
  rule: SarifRule | null;
  /** The component that defines the rule, whose global message strings the message may use. */
  component: SarifComponent;
}

/**
 * The rule a result violates, by the SARIF lookup (§3.52.3): the component named by
 * `rule.toolComponent` (else the driver), then `ruleIndex`/`rule.index`, else `rule.guid`, else the
 * id. An id that names no rule of the driver is also looked for in the extensions, since real logs
 * often leave out `toolComponent`, and a hierarchical id ("CA5350/md5") falls back to its base rule.
 * An index out of range or an id that contradicts the indexed rule is an error: the finding would get
 * another rule's severity, text and CWE ids.
 */
export function findRule(result: JsonObject, pointer: string, context: SarifRunContext, reader: JsonReader): RuleMatch {
  const reference = reader.object(result, 'rule', pointer);
  const referencePointer = childPointer(pointer, 'rule');
  const ruleId = reader.string(result, 'ruleId', pointer);
  const ruleIndex = reader.index(result, 'ruleIndex', pointer);
  const referenceId = reference && reader.string(reference, 'id', referencePointer);
  const referenceIndex = reference && reader.index(reference, 'index', referencePointer);
  const referenceGuid = reference && reader.string(reference, 'guid', referencePointer);
  if (ruleId !== null && referenceId !== null && ruleId !== referenceId) {
    reader.problem(childPointer(referencePointer, 'id'), `${JSON.stringify(referenceId)} differs from ruleId ${JSON.stringify(ruleId)}`);
  }
  if (ruleIndex !== null && referenceIndex !== null && ruleIndex !== referenceIndex) {
    reader.problem(childPointer(referencePointer, 'index'), `${referenceIndex} differs from ruleIndex ${ruleIndex}`);
  }
  const id = ruleId ?? referenceId;
  const index = ruleIndex ?? referenceIndex;
  const indexPointer = ruleIndex !== null ? childPointer(pointer, 'ruleIndex') : childPointer(referencePointer, 'index');

  const componentReference = reference && reader.object(reference, 'toolComponent', referencePointer);
  const component = componentReference ? findComponent(componentReference, childPointer(referencePointer, 'toolComponent'), context, reader) : context.driver;
  if (component === null) return { ruleId: id, rule: null, component: context.driver };

  let rule: SarifRule | null = null;
  if (index !== null) {
    rule = component.rules[index] ?? null;
    if (rule === null) reader.problem(indexPointer, `${index} is out of range: ${component.label} has ${countOf(component.rules.length, 'rule')}`);
    else if (id !== null && rule.id !== null && id !== rule.id && !id.startsWith(`${rule.id}/`)) {
      reader.problem(indexPointer, `points to rule ${JSON.stringify(rule.id)}, not to ${JSON.stringify(id)}`);
    }
    return { ruleId: id ?? rule?.id ?? null, rule, component };
  }
  if (referenceGuid !== null) rule = component.rulesByGuid.get(referenceGuid.toLowerCase()) ?? null;
  if (rule === null && id !== null) {
    rule = ruleById(component, id);
    if (rule === null && componentReference === null) {
      for (const extension of context.extensions) {
        rule = ruleById(extension, id);
        if (rule !== null) return { ruleId: id, rule, component: extension };
      }
    }
  }
  return { ruleId: id ?? rule?.id ?? null, rule, component };
}

/** §3.54.2: by index into `tool.extensions`, else by guid, else (leniently) by name; none of them means the driver. */
function findComponent(reference: JsonObject, pointer: string, context: SarifRunContext, reader: JsonReader): SarifComponent | null {
  const index = reader.index(reference, 'index', pointer);
  if (index !== null) {
    const extension = context.extensions[index] ?? null;
    if (extension === null) reader.problem(childPointer(pointer, 'index'), `${index} is out of range: the tool has ${countOf(context.extensions.length, 'extension')}`);
    return extension;
  }
  const all = [context.driver, ...context.extensions];
  const guid = reader.string(reference, 'guid', pointer)?.toLowerCase();
  if (guid) return all.find((component) => component.guid === guid) ?? context.driver;
  const name = reader.string(reference, 'name', pointer)?.trim().toLowerCase();
  if (name) return all.find((component) => component.name?.toLowerCase() === name) ?? context.driver;
  return context.driver;
}

function ruleById(component: SarifComponent, id: string): SarifRule | null {
  let candidate = id;
  for (;;) {
    const rule = component.rulesById.get(candidate);
    if (rule !== undefined) return rule;
    const slash = candidate.lastIndexOf('/');
    if (slash <= 0) return null;
    candidate = candidate.slice(0, slash);
  }
}
