import { childPointer } from '../json-pointer';
import type { JsonObject, JsonReader } from '../json-reader';
import type { SarifComponent, SarifRule } from './sarif-rules';

/**
 * The plain text of `result.message` (§3.11): its own `text`, else the string its `id` names in the
 * rule's `messageStrings` or the component's `globalMessageStrings`, else its Markdown. Placeholders
 * `{n}` are filled from `arguments`, `{{`/`}}` become braces, and embedded links `[text](target)`
 * keep only their text, since a title has nowhere to link to. Null when there is no text at all.
 */
export function resultMessage(
  result: JsonObject,
  pointer: string,
  rule: SarifRule | null,
  components: readonly SarifComponent[],
  reader: JsonReader,
): string | null {
  const message = reader.object(result, 'message', pointer);
  if (message === null) return null;
  const messagePointer = childPointer(pointer, 'message');
  const text = reader.string(message, 'text', messagePointer);
  const id = reader.string(message, 'id', messagePointer);
  const markdown = reader.string(message, 'markdown', messagePointer);
  let template = text;
  if (template === null && id !== null) {
    template = rule?.messageStrings.get(id) ?? null;
    for (const component of components) template ??= component.globalMessageStrings.get(id) ?? null;
  }
  template ??= markdown;
  if (template === null) return null;
  const args = (reader.array(message, 'arguments', messagePointer) ?? []).map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)));
  return fillPlaceholders(withoutLinks(template), args);
}

function withoutLinks(text: string): string {
  return text.replace(/\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)/g, (_, linkText: string) => linkText.replace(/\\([[\]\\])/g, '$1'));
}

function fillPlaceholders(template: string, args: readonly string[]): string {
  return template.replace(/\{\{|\}\}|\{(\d+)\}/g, (token, index?: string) => {
    if (index === undefined) return token[0];
    return args[Number(index)] ?? token;
  });
}
