import { newToken, parseToken } from './token-secret';

describe(parseToken.name, () => {
  it('reads back the parts of a new token, whatever characters its secret holds', () => {
    for (let i = 0; i < 200; i++) {
      const sut = newToken();
      expect(parseToken(sut.value)).toEqual({ prefix: sut.prefix, secret: sut.secret });
    }
  });

  it('refuses anything else', () => {
    const { value } = newToken();
    expect(parseToken(value.slice(0, -1))).toBeNull();
    expect(parseToken(`${value}x`)).toBeNull();
    expect(parseToken(value.replace('esc_', 'abc_'))).toBeNull();
    expect(parseToken('')).toBeNull();
  });
});
