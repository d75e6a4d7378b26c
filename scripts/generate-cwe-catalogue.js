#!/usr/bin/env node
/**
 * Writes libs/domain/src/classification/cwe-catalogue.json from MITRE's CWE list as the `cwe-sdk`
 * dev dependency carries it (raw/cwe-archive.json, a JSON mirror of MITRE's cwec_vX.Y.xml).
 *
 * Run from the repository root after changing the cwe-sdk version, and commit the result:
 *
 *   node scripts/generate-cwe-catalogue.js
 *
 * The output is deterministic (entries and id lists sorted), so a diff shows exactly what MITRE changed.
 * Shape, with short keys to stay small enough to ship inside the domain library:
 *   { cwe: { version, date }, source, weaknesses: [E], categories: [E], views: [E] }
 *   E = { i: id, n: name, a?: abstraction of a weakness (P pillar, C class, B base, V variant, M compound),
 *         p?: ChildOf parents in view 1000 (Research Concepts),
 *         q?: ChildOf parents in other views as [viewId, parentId] pairs,
 *         c?: categories that have it as a member, v?: views that include it, d?: 1 when deprecated }
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const sdkDir = path.dirname(require.resolve('cwe-sdk/package.json', { paths: [root] }));
const sdkVersion = JSON.parse(fs.readFileSync(path.join(sdkDir, 'package.json'), 'utf8')).version;
const outFile = path.join(root, 'libs/domain/src/classification/cwe-catalogue.json');

/** The research view: the one hierarchy that covers every weakness, so ancestry is computed in it. */
const RESEARCH_VIEW = 1000;
const ABSTRACTIONS = { Pillar: 'P', Class: 'C', Base: 'B', Variant: 'V', Compound: 'M' };

// The archive is an XML-to-JSON mirror: an element that occurs once is an object, not a one-item array.
const list = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const attr = (element, name) => element.attr?.[`@_${name}`];
const sorted = (values) => [...new Set(values)].sort((a, b) => a - b);

function readCatalog() {
  const archive = JSON.parse(fs.readFileSync(path.join(sdkDir, 'raw', 'cwe-archive.json'), 'utf8'));
  const catalog = archive.Weakness_Catalog;
  if (!catalog?.Weaknesses || !catalog.Categories || !catalog.Views) {
    throw new Error(`cwe-sdk ${sdkVersion}: raw/cwe-archive.json is not a CWE Weakness_Catalog`);
  }
  return catalog;
}

function buildEntries(catalog) {
  const entries = new Map();
  const add = (kind, element) => {
    const id = Number(attr(element, 'ID'));
    entries.set(id, {
      kind,
      id,
      name: attr(element, 'Name'),
      abstraction: ABSTRACTIONS[attr(element, 'Abstraction')],
      deprecated: attr(element, 'Status') === 'Deprecated',
      parents: [],
      otherParents: [],
      categories: [],
      views: [],
    });
  };
  for (const element of list(catalog.Weaknesses.Weakness)) add('weakness', element);
  for (const element of list(catalog.Categories.Category)) add('category', element);
  for (const element of list(catalog.Views.View)) add('view', element);

  for (const element of list(catalog.Weaknesses.Weakness)) {
    const entry = entries.get(Number(attr(element, 'ID')));
    for (const related of list(element.Related_Weaknesses?.Related_Weakness)) {
      const viewId = Number(attr(related, 'View_ID'));
      entry.views.push(viewId);
      if (attr(related, 'Nature') !== 'ChildOf') continue;
      const parentId = Number(attr(related, 'CWE_ID'));
      if (viewId === RESEARCH_VIEW) entry.parents.push(parentId);
      else entry.otherParents.push([viewId, parentId]);
    }
  }
  // A category's members carry the view they were filed under (CWE-840's under 699, for instance).
  for (const element of list(catalog.Categories.Category)) {
    const categoryId = Number(attr(element, 'ID'));
    for (const member of list(element.Relationships?.Has_Member)) {
      const entry = entries.get(Number(attr(member, 'CWE_ID')));
      if (!entry) continue;
      entry.categories.push(categoryId);
      entry.views.push(Number(attr(member, 'View_ID')));
    }
  }
  for (const element of list(catalog.Views.View)) {
    const viewId = Number(attr(element, 'ID'));
    for (const member of list(element.Members?.Has_Member)) {
      const entry = entries.get(Number(attr(member, 'CWE_ID')));
      if (entry) entry.views.push(viewId);
    }
  }
  return entries;
}

function compact(entry) {
  const out = { i: entry.id, n: entry.name };
  if (entry.abstraction) out.a = entry.abstraction;
  const parents = sorted(entry.parents);
  if (parents.length) out.p = parents;
  const seen = new Set();
  const otherParents = entry.otherParents
    .filter(([viewId, parentId]) => !seen.has(`${viewId}:${parentId}`) && seen.add(`${viewId}:${parentId}`))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (otherParents.length) out.q = otherParents;
  const categories = sorted(entry.categories);
  if (categories.length) out.c = categories;
  // A view never includes itself; the id of a view's own entry may appear in its members' View_ID.
  const views = sorted(entry.views.filter((viewId) => viewId !== entry.id));
  if (views.length) out.v = views;
  if (entry.deprecated) out.d = 1;
  return out;
}

/** One entry per line: small, and a regenerated file diffs line by line. */
function serialise(header, groups) {
  const lines = ['{'];
  for (const [key, value] of Object.entries(header)) lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const names = Object.keys(groups);
  names.forEach((name, index) => {
    const rows = groups[name].map((entry) => `    ${JSON.stringify(entry)}`);
    lines.push(`  ${JSON.stringify(name)}: [`, rows.join(',\n'), `  ]${index < names.length - 1 ? ',' : ''}`);
  });
  lines.push('}', '');
  return lines.join('\n');
}

/** Facts the classifier relies on; if MITRE ever moves them, the rules need a look before shipping. */
function check(entries) {
  const ancestors = (id, found = new Set()) => {
    for (const parent of entries.get(id)?.parents ?? []) if (!found.has(parent)) ancestors(parent, found.add(parent));
    return found;
  };
  const problems = [];
  for (const [id, ancestor] of [[89, 943], [89, 74], [79, 74], [639, 863], [862, 285]]) {
    if (!ancestors(id).has(ancestor)) problems.push(`CWE-${id} should descend from CWE-${ancestor}`);
  }
  for (const [id, category] of [[639, 840], [22, 1345], [501, 1348], [89, 1409], [119, 1399], [561, 1412]]) {
    if (!entries.get(id)?.categories.includes(category)) problems.push(`CWE-${id} should be a member of CWE-${category}`);
  }
  if (problems.length) throw new Error(`the CWE data no longer says what the classifier assumes:\n${problems.join('\n')}`);
}

const catalog = readCatalog();
const entries = buildEntries(catalog);
check(entries);
const byKind = (kind) => [...entries.values()].filter((entry) => entry.kind === kind).sort((a, b) => a.id - b.id).map(compact);
const text = serialise(
  {
    cwe: { version: String(attr(catalog, 'Version')), date: String(attr(catalog, 'Date')) },
    source: `cwe-sdk@${sdkVersion} raw/cwe-archive.json`,
  },
  { weaknesses: byKind('weakness'), categories: byKind('category'), views: byKind('view') },
);
fs.writeFileSync(outFile, text);
console.log(`CWE ${attr(catalog, 'Version')}: ${entries.size} entries, ${(text.length / 1024).toFixed(0)} KiB -> ${path.relative(root, outFile)}`);
