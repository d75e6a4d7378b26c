import { ImportWarnings, MAX_LISTED_WARNINGS } from './import-warning';

describe(ImportWarnings.name, () => {
  it('lists warnings in the order they were met', () => {
    const sut = new ImportWarnings();
    sut.add({ code: 'nul_replaced', message: 'a', pointer: '/0' });
    sut.add({ code: 'invalid_utf8_replaced', message: 'b', line: 3 });
    expect(sut.list()).toEqual([
      { code: 'nul_replaced', message: 'a', pointer: '/0' },
      { code: 'invalid_utf8_replaced', message: 'b', line: 3 },
    ]);
    expect(sut.count).toBe(2);
  });

  it('lists at most 100, then says how many more there were', () => {
    const sut = new ImportWarnings();
    for (let i = 0; i < MAX_LISTED_WARNINGS + 7; i++) sut.add({ code: 'nul_replaced', message: `w${i}`, pointer: `/${i}` });
    const listed = sut.list();
    expect(listed).toHaveLength(MAX_LISTED_WARNINGS + 1);
    expect(listed[MAX_LISTED_WARNINGS - 1].pointer).toBe(`/${MAX_LISTED_WARNINGS - 1}`);
    expect(listed[MAX_LISTED_WARNINGS]).toEqual({ code: 'more_warnings', message: '7 more warnings not listed' });
    expect(sut.count).toBe(MAX_LISTED_WARNINGS + 7);
  });

  it('is empty when nothing was changed', () => {
    expect(new ImportWarnings().list()).toEqual([]);
  });
});
