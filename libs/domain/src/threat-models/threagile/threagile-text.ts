import { childPointer } from '../../ingest/json-pointer';
import { isJsonObject, type JsonObject } from '../../ingest/json-reader';
import type { ModelReader } from '../model-reader';
import { textOrNull } from '../model-words';

/** One element of a Threagile map: Threagile keys its elements by title and gives each an `id` inside. */
export interface TitledElement {
  title: string;
  element: JsonObject;
  pointer: string;
}

/** The elements of a map member (`technical_assets`, `trust_boundaries`, …); other values are problems. */
export function titledElements(parent: JsonObject, key: string, pointer: string, what: string, reader: ModelReader): TitledElement[] {
  const map = reader.object(parent, key, pointer);
  if (map === null) return [];
  const mapPointer = childPointer(pointer, key);
  const elements: TitledElement[] = [];
  for (const [title, element] of Object.entries(map)) {
    const elementPointer = childPointer(mapPointer, title);
    if (isJsonObject(element)) elements.push({ title: title.trim(), element, pointer: elementPointer });
    else reader.problem(elementPointer, `must be an object (${what})`);
  }
  return elements;
}

/** Threagile lets titles and descriptions carry HTML (`<b>SQL Injection</b> at <b>Database</b>`); the model keeps text. */
export function plainText(text: string | null): string | null {
  if (text === null) return null;
  const stripped = text.replace(/<[^<>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return textOrNull(stripped.replace(/[ \t]+/g, ' '));
}

