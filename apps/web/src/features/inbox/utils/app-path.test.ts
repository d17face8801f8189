import { appPathOf } from './app-path';

const TASK = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('appPathOf', () => {
  it('keeps the path and query of the app link the API gives, whatever its host', () => {
    expect(appPathOf(`http://dondoc.test/tasks/${TASK}`, TASK)).toBe(`/tasks/${TASK}`);
    expect(appPathOf(`https://dondoc.gov.vn/decisions?task=${TASK}&request=r1`, TASK)).toBe(`/decisions?task=${TASK}&request=r1`);
  });

  it('opens the task page for links recorded when they pointed at the JSON API, or none', () => {
    expect(appPathOf(`http://dondoc.test/api/tasks/${TASK}`, TASK)).toBe(`/tasks/${TASK}`);
    expect(appPathOf(null, TASK)).toBe(`/tasks/${TASK}`);
    expect(appPathOf(null, null)).toBeNull();
  });

  it('never leaves the app', () => {
    expect(appPathOf('http://evil.example//evil.example/x', TASK)).toBe('/evil.example/x');
    expect(appPathOf('javascript:alert(1)', null)).toBe('/alert(1)');
  });
});
