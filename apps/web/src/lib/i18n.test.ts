// Every catalogue, as the app may load it.
const files = import.meta.glob<Record<string, unknown>>('../locales/*/*.json', { eager: true, import: 'default' });
const resources: Record<'vi' | 'en', Record<string, Record<string, unknown>>> = { vi: {}, en: {} };
for (const [path, texts] of Object.entries(files)) {
  const [, language, namespace] = /locales\/(vi|en)\/(\w+)\.json$/.exec(path)!;
  resources[language as 'vi' | 'en'][namespace] = texts;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every text of a catalogue by dotted key. */
function texts(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => texts(inner, prefix ? `${prefix}.${key}` : key));
}

/** Keys without plural suffixes (Vietnamese has one form, English two), with the names each interpolates. */
function catalogue(value: unknown): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const [key, text] of texts(value)) {
    const names = result.get(key.replace(PLURAL, '')) ?? new Set<string>();
    for (const match of String(text).matchAll(/{{\s*(\w+)/g)) if (match[1] !== 'count') names.add(match[1]);
    result.set(key.replace(PLURAL, ''), names);
  }
  return result;
}

describe('the text catalogues', () => {
  const namespaces = Object.keys(resources.vi);

  it.each(namespaces)('%s: English has every Vietnamese text and nothing more', (ns) => {
    expect([...catalogue(resources.en[ns]).keys()].sort()).toEqual([...catalogue(resources.vi[ns]).keys()].sort());
  });

  it.each(namespaces)('%s: no text is empty, and both languages interpolate the same values', (ns) => {
    for (const [key, text] of [...texts(resources.vi[ns]), ...texts(resources.en[ns])]) {
      expect({ key, empty: typeof text !== 'string' || text.trim() === '' }).toEqual({ key, empty: false });
    }
    const en = catalogue(resources.en[ns]);
    for (const [key, names] of catalogue(resources.vi[ns])) {
      expect({ key, names: [...(en.get(key) ?? [])].sort() }).toEqual({ key, names: [...names].sort() });
    }
  });
});
