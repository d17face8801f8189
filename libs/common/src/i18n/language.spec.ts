import { interpolate, languageFromHeader } from './language';
import { resolveLanguage, translate } from './translate';

describe(languageFromHeader.name, () => {
  it.each([
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR,vi;q=0.8,en;q=0.5', 'vi'],
    ['vi-VN', 'vi'],
    ['en;q=0.2,vi;q=0.9', 'vi'],
    ['en;q=0', undefined],
    ['de', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(languageFromHeader(header)).toBe(expected);
  });
});

describe(resolveLanguage.name, () => {
  it('defaults to Vietnamese', () => {
    expect(resolveLanguage({})).toBe('vi');
  });

  it('prefers ?lang=, then the user profile, then Accept-Language', () => {
    expect(resolveLanguage({ query: 'en', userLanguage: 'vi', acceptLanguage: 'vi' })).toBe('en');
    expect(resolveLanguage({ userLanguage: 'vi', acceptLanguage: 'en' })).toBe('vi');
    expect(resolveLanguage({ acceptLanguage: 'en-US' })).toBe('en');
    expect(resolveLanguage({ query: 'fr', acceptLanguage: 'en' })).toBe('en');
  });
});

describe(interpolate.name, () => {
  it('replaces known placeholders and keeps unknown ones', () => {
    expect(interpolate('{field} must be one of: {0} ({x})', { field: 'level', 0: ['a', 'b'] })).toBe('level must be one of: a, b ({x})');
  });

  it('resolves bilingual parameters in the requested language', () => {
    const text = { vi: 'Xung đột: {reason}', en: 'Conflict: {reason}' };
    const reason = { vi: 'mã đã tồn tại', en: 'the code exists' };
    expect(translate(text, 'vi', { reason })).toBe('Xung đột: mã đã tồn tại');
    expect(translate(text, 'en', { reason })).toBe('Conflict: the code exists');
  });
});
