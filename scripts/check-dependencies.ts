/**
 * `npm run lint` (after ESLint): the libraries' dependency graph must run one way. Fails on any
 * import cycle between libs (type imports included: a type import still ties two contexts
 * together), and on a lib or workflows/ importing an app.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The package a file belongs to: `libs/<name>`, `workflows`, `apps/<name>`. */
function packageOf(path: string): string | undefined {
  const parts = relative(root, path).split(sep);
  if (parts[0] === 'libs' || parts[0] === 'apps') return `${parts[0]}/${parts[1]}`;
  if (parts[0] === 'workflows') return 'workflows';
  return undefined;
}

/** The package an import specifier of `from` points at. */
function target(from: string, specifier: string): string | undefined {
  if (specifier === '@dondoc/workflows' || specifier.startsWith('@dondoc/workflows/')) return 'workflows';
  const alias = /^@dondoc\/([^/]+)/.exec(specifier);
  if (alias) return `libs/${alias[1]}`;
  if (specifier.startsWith('.')) return packageOf(resolve(join(from, '..'), specifier));
  return undefined;
}

const graph = new Map<string, Map<string, string>>(); // package → imported package → one file that does it
const problems: string[] = [];
for (const file of [...files(join(root, 'libs')), ...files(join(root, 'workflows'))]) {
  const from = packageOf(file)!;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    const to = target(file, fileName);
    if (!to || to === from) continue;
    if (to.startsWith('apps/')) problems.push(`${relative(root, file)} imports the app ${to} (a lib never depends on an app)`);
    if (!graph.has(from)) graph.set(from, new Map());
    if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, relative(root, file));
  }
}

// Tarjan's strongly connected components: every component of more than one package is a cycle.
let index = 0;
const indices = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
function connect(node: string): void {
  indices.set(node, index);
  low.set(node, index++);
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node)?.keys() ?? []) {
    if (!indices.has(next)) {
      connect(next);
      low.set(node, Math.min(low.get(node)!, low.get(next)!));
    } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
  }
  if (low.get(node) === indices.get(node)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) {
      const edges = component.flatMap((a) => component.filter((b) => graph.get(a)?.has(b)).map((b) => `  ${a} → ${b} (${graph.get(a)!.get(b)})`));
      problems.push(`import cycle between ${component.sort().join(', ')}:\n${edges.join('\n')}`);
    }
  }
}
for (const node of graph.keys()) if (!indices.has(node)) connect(node);

if (problems.length > 0) {
  console.error(`Dependencies must run one way:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`Dependencies run one way: ${graph.size} packages, no cycle, no lib importing an app.`);
