import { brokenTextRule, findTextProblems, MAX_JSON_DEPTH, normaliseText, scrubText } from './text-rules';

describe('text rules', () => {
  it('refuses NUL, other control characters and lone surrogates; allows line breaks only in multi-line text', () => {
    expect(brokenTextRule('Xã Minh Châu', false)).toBeNull();
    expect(brokenTextRule('a\u0000b', true)).toBe('noControlCharacters');
    expect(brokenTextRule('a\u001bb', true)).toBe('noControlCharacters');
    expect(brokenTextRule('a\u007fb', true)).toBe('noControlCharacters');
    expect(brokenTextRule('a\u0085b', true)).toBe('noControlCharacters');
    expect(brokenTextRule('\ud800x', true)).toBe('wellFormedText');
    expect(brokenTextRule('x\udc00', true)).toBe('wellFormedText');
    expect(brokenTextRule('emoji 😀 ok', false)).toBeNull();
    expect(brokenTextRule('line 1\nline 2\ttab\r\n', true)).toBeNull();
    expect(brokenTextRule('line 1\nline 2', false)).toBe('singleLine');
    expect(brokenTextRule('a\tb', false)).toBe('singleLine');
  });

  it('names the path of every bad string, forbidden key and too-deep nesting', () => {
    expect(findTextProblems({ title: 'ok', items: [{ note: 'a\u0000' }], meta: { ['x\u0000']: 1 } })).toEqual([
      { field: 'items[0].note', rule: 'noControlCharacters' },
      { field: 'meta', rule: 'noControlCharacters' },
    ]);
    expect(findTextProblems(JSON.parse('{"__proto__": {"admin": true}, "a": {"toString": 1, "constructor": 2}}'))).toEqual([
      { field: '__proto__', rule: 'forbiddenKey' },
      { field: 'a.toString', rule: 'forbiddenKey' },
      { field: 'a.constructor', rule: 'forbiddenKey' },
    ]);
    let deep: unknown = 'x';
    for (let i = 0; i < 3_000; i++) deep = [deep];
    expect(findTextProblems({ body: deep })).toEqual([{ field: `body${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`, rule: 'maxDepth' }]);
    let fine: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) fine = { a: fine };
    expect(findTextProblems(fine)).toEqual([]);
  });

  it('normalises to NFC, so text typed on any keyboard compares equal', () => {
    const decomposed = 'Xa\u0303 Minh Cha\u0302u'; // combining tilde and circumflex
    expect(decomposed).not.toBe('Xã Minh Châu');
    expect(normaliseText({ name: decomposed, list: [decomposed] })).toEqual({ name: 'Xã Minh Châu', list: ['Xã Minh Châu'] });
  });

  it('scrubs what the database cannot store, keeping everything else', () => {
    expect(scrubText({ a: 'x\u0000y', b: ['\ud800', 'Châu\n'], c: 3, d: null })).toEqual({ a: 'x\uFFFDy', b: ['\uFFFD', 'Châu\n'], c: 3, d: null });
  });
});
