import * as fs from 'node:fs';
import * as path from 'node:path';
import { budgetOf, cutOrder, fitToBudget, CHARS_PER_TOKEN, DEFAULT_MAX_CHARS } from './budget';
import { buildContextPack } from './build-context';
import type { ContextSource } from './context-source';

const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../test/fixtures/context-packs/accounts-api.json'), 'utf8')) as ContextSource;
const request = { paths: ['src/api/accounts/get.ts'], components: [], repo: null, changeRef: null };

describe(budgetOf.name, () => {
  it('turns tokens into characters and takes the smaller limit', () => {
    expect(budgetOf({})).toEqual({ maxChars: DEFAULT_MAX_CHARS, maxTokens: null });
    expect(budgetOf({ maxTokens: 500 })).toEqual({ maxChars: 500 * CHARS_PER_TOKEN, maxTokens: 500 });
    expect(budgetOf({ maxTokens: 500, maxChars: 1000 })).toEqual({ maxChars: 1000, maxTokens: 500 });
    expect(budgetOf({ maxTokens: 100, maxChars: 1000 })).toEqual({ maxChars: 400, maxTokens: 100 });
  });
});

describe(cutOrder.name, () => {
  it('cuts the lowest score first; at a tie escapes before criteria before threats, and the part shown last first', () => {
    const sut = cutOrder([
      { kind: 'threat', key: 'T-1', score: 5 },
      { kind: 'criterion', key: 'T-1', score: 5 },
      { kind: 'escape', key: 'e-1', score: 5 },
      { kind: 'escape', key: 'e-2', score: 5 },
      { kind: 'threat', key: 'T-2', score: 1 },
    ]);
    expect(sut.map((c) => `${c.kind}:${c.key}`)).toEqual(['threat:T-2', 'escape:e-2', 'escape:e-1', 'criterion:T-1', 'threat:T-1']);
  });
});

describe(fitToBudget.name, () => {
  const parts = Array.from({ length: 30 }, (_, i) => ({ kind: 'escape' as const, key: String(i).padStart(2, '0'), score: 30 - i }));
  const render = (removed: ReadonlySet<string>, budget: { usedChars: number; truncated: boolean }) => ({ value: removed.size, text: text(removed, budget) });
  const text = (removed: ReadonlySet<string>, budget: { usedChars: number; truncated: boolean }) =>
    `head\n${parts.filter((p) => !removed.has(`escape:${p.key}`)).map((p) => `line ${p.key}`).join('\n')}\n${budget.truncated ? `cut ${removed.size}` : ''} used ${budget.usedChars}`;

  it('renders everything when it fits', () => {
    const sut = fitToBudget(parts, { maxChars: 10_000, maxTokens: null }, render);
    expect(sut.removed.size).toBe(0);
    expect(sut.budget.truncated).toBe(false);
    expect(sut.budget.usedChars).toBe(sut.text.length);
  });

  it('makes the fewest cuts that fit, cutting the lowest scores first', () => {
    const sut = fitToBudget(parts, { maxChars: 120, maxTokens: null }, render);
    expect(sut.text.length).toBeLessThanOrEqual(120);
    // One cut fewer would not fit.
    const kept = 30 - sut.removed.size;
    expect(sut.text).toContain(`line ${String(kept - 1).padStart(2, '0')}`);
    expect(sut.text).not.toContain(`line ${String(kept).padStart(2, '0')}`);
    expect(sut.value).toBe(sut.removed.size);
    const fewer = text(new Set([...sut.removed].slice(0, -1)), { usedChars: sut.text.length, truncated: true });
    expect(fewer.length).toBeGreaterThan(120);
    expect(sut.budget).toMatchObject({ truncated: true, usedChars: sut.text.length, cut: { escapes: sut.removed.size, threats: [] } });
  });

  it('returns everything cut, marked truncated, when even that does not fit', () => {
    const sut = fitToBudget(parts, { maxChars: 5, maxTokens: null }, render);
    expect(sut.removed.size).toBe(30);
    expect(sut.budget.truncated).toBe(true);
  });
});

describe(buildContextPack.name, () => {
  it('fits a pack to any budget from tiny to whole, always within it once the header fits, and says what it cut', () => {
    const whole = buildContextPack(source, request, { maxChars: 100_000, maxTokens: null }, 'markdown');
    expect(whole.value.budget.truncated).toBe(false);
    // Everything cut; the closing line names the budget, a few digits more than this one's.
    const header = buildContextPack(source, request, { maxChars: 1, maxTokens: null }, 'markdown').text.length + 10;
    for (let maxChars = header; maxChars <= whole.text.length + 10; maxChars += 37) {
      const sut = buildContextPack(source, request, { maxChars, maxTokens: null }, 'markdown');
      expect(sut.text.length).toBeLessThanOrEqual(maxChars);
      expect(sut.value.budget.usedChars).toBe(sut.text.length);
      if (sut.value.budget.truncated) expect(sut.text).toMatch(/\n---\nCut to fit \d+ characters: .+\n$/);
      const kept = sut.value.layers.flatMap((g) => g.threats.map((t) => t.key));
      expect([...kept, ...sut.value.budget.cut.threats].sort()).toEqual(whole.value.layers.flatMap((g) => g.threats.map((t) => t.key)).sort());
    }
  });

  it('measures JSON packs as the JSON they are sent as', () => {
    const sut = buildContextPack(source, request, { maxChars: 1500, maxTokens: null }, 'json');
    expect(sut.text).toBe(JSON.stringify(sut.value));
    expect(sut.text.length).toBeLessThanOrEqual(1500);
    expect(sut.value.budget.truncated).toBe(true);
  });
});
