import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path of this app with its query', () => {
    expect(safeNext('/tasks/1?tab=timeline')).toBe('/tasks/1?tab=timeline');
  });

  it.each([null, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', 'tasks'])('refuses %s', (next) => {
    expect(safeNext(next)).toBe('/tasks');
  });
});
