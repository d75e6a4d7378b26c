import { JsonReader } from '../json-reader';
import { resultMessage } from './sarif-message';
import { sarifRunContext } from './sarif-run-context';

describe(resultMessage.name, () => {
  const context = sarifRunContext(
    {
      tool: {
        driver: {
          name: 'S',
          rules: [{ id: 'R', messageStrings: { default: { text: 'Use of {0} in {1}' }, md: { markdown: '**{0}**' } } }],
          globalMessageStrings: { global: { text: 'Global {0}' } },
        },
      },
    },
    '/runs/0',
  );
  const [rule] = context.driver.rules;
  const sut = (message: unknown) => resultMessage({ message }, '/r', rule, [context.driver], new JsonReader());

  it('prefers the text the result carries', () => {
    expect(sut({ text: 'Direct {0}', id: 'default', arguments: ['x'] })).toBe('Direct x');
  });

  it("looks the id up in the rule's strings, then the component's global strings", () => {
    expect(sut({ id: 'default', arguments: ['eval', 'main.js'] })).toBe('Use of eval in main.js');
    expect(sut({ id: 'global', arguments: ['g'] })).toBe('Global g');
  });

  it('falls back to Markdown when there is no plain text', () => {
    expect(sut({ id: 'md', arguments: ['bold'] })).toBe('**bold**');
  });

  it('keeps placeholders without an argument, turns doubled braces into braces and links into their text', () => {
    expect(sut({ text: '{0} and {1} in {{braces}}, see [the \\[docs\\]](https://example.com) and [here](3)', arguments: ['a'] })).toBe(
      'a and {1} in {braces}, see the [docs] and here',
    );
  });

  it('is null when nothing gives text', () => {
    expect(sut({ id: 'missing' })).toBeNull();
    expect(sut(undefined)).toBeNull();
  });
});
