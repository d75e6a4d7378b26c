import { setMember, ValueBuilder } from './value-builder';

describe(ValueBuilder.name, () => {
  it('nests containers and hands back the finished one', () => {
    const sut = new ValueBuilder();
    sut.openContainer(true);
    sut.openContainer(false);
    sut.add(0, 1);
    sut.add(1, 'two');
    const list = sut.closeContainer();
    sut.add('list', list);
    expect(sut.closeContainer()).toStrictEqual({ list: [1, 'two'] });
  });

  it('lets the last of duplicate keys win, keeping the first position, like JSON.parse', () => {
    const sut = new ValueBuilder();
    sut.openContainer(true);
    sut.add('a', 1);
    sut.add('b', 2);
    sut.add('a', 3);
    const built = sut.closeContainer();
    expect(built).toStrictEqual(JSON.parse('{"a":1,"b":2,"a":3}'));
    expect(Object.keys(built as object)).toEqual(['a', 'b']);
  });
});

describe(setMember.name, () => {
  it('makes __proto__ an own data property instead of replacing the prototype', () => {
    const sut = setMember;
    const target: Record<string, unknown> = {};
    sut(target, '__proto__', { polluted: true });
    sut(target, 'constructor', 'text');

    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect((target as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')).toEqual({ value: { polluted: true }, writable: true, enumerable: true, configurable: true });
    expect('__proto__' in target && (target as { constructor: unknown }).constructor === 'text').toBe(true);
    expect(target).toStrictEqual(JSON.parse('{"__proto__":{"polluted":true},"constructor":"text"}'));
  });

  it('lets a later __proto__ replace an earlier one', () => {
    const target: Record<string, unknown> = {};
    setMember(target, '__proto__', 1);
    setMember(target, '__proto__', 2);
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')?.value).toBe(2);
  });
});
