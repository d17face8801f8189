import { meetsPasswordRule } from './password-rule';

describe('meetsPasswordRule', () => {
  it('accepts 12 characters with lower-case, upper-case letters and digits', () => {
    expect(meetsPasswordRule('Mat-khau-2026')).toBe(true);
    expect(meetsPasswordRule('abcdefghiJK1')).toBe(true);
  });

  it.each([
    ['too short', 'Abcdefghi12'],
    ['no upper-case', 'mat-khau-2026'],
    ['no lower-case', 'MAT-KHAU-2026'],
    ['no digit', 'Mat-khau-dai-qua'],
    ['accented letters are not a–z, as for the API', 'ĂÂĐÊÔƠƯăâđêôơư1'],
  ])('refuses a password with %s', (_case, password) => {
    expect(meetsPasswordRule(password)).toBe(false);
  });
});
