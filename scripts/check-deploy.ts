/**
 * `npm run deploy:check`: the Helm chart deploy/helm/dondoc, checked offline (no cluster, no
 * network). Helm itself is built once per machine from the Go module proxy into the per-user cache
 * (like the Temporal CLI, libs/dev-stack/src/temporal-cli.ts), or taken from HELM_PATH.
 *
 * Runs `helm lint --strict` and `helm template` with the default values (plus the two required
 * ones), with the production-like deploy/helm/dondoc/ci-values.yaml and with a Temporal Cloud
 * variant, then reads the rendered documents and checks: every Deployment (and the migration Job)
 * has resources, a non-root read-only security context and no service account token; the API has
 * readiness on GET /api/health/ready, liveness on GET /api/health/live; the worker has none and a grace period above its shutdown; no
 * secret value is inline (secret settings come from secretKeyRef only, no Secret object, no URL
 * with credentials) and every variable is one of the README's Configuration table (or Node.js's
 * NODE_EXTRA_CA_CERTS, for extraCaCertificates); the migration is a pre-install/pre-upgrade hook
 * Job. Also that the chart refuses a render without the required values, with a secret in
 * `config`, or with a name it does not know. Exits 1 naming each problem.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { userCacheDir } from '../libs/dev-stack/src/paths';
import { goInstall } from '../libs/dev-stack/src/go-install';
import { findGo, isExecutable } from '../libs/dev-stack/src/temporal-cli';

const HELM_VERSION = '3.22.0';
const HELM_MODULE = 'helm.sh/helm/v3/cmd/helm';
/** The cluster version rendered for (helm's default, 1.20, is below the chart's kubeVersion). */
const KUBE_VERSION = '1.30.0';

const root = resolve(__dirname, '..');
const chart = join(root, 'deploy', 'helm', 'dondoc');
const ciValues = join(chart, 'ci-values.yaml');

/** Settings that only the Secret may hold (README, Configuration). */
const SECRET_NAMES = ['DATABASE_URL', 'SMTP_URL', 'JWT_SECRET', 'ADMIN_PASSWORD', 'TEMPORAL_API_KEY'];
/** Node.js's own variables the chart may set (extraCaCertificates), besides the README's. */
const NODE_VARIABLES = ['NODE_EXTRA_CA_CERTS'];
const HEALTH_PATHS = { readinessProbe: '/api/health/ready', livenessProbe: '/api/health/live' } as const;
/** The worker's Temporal shutdown grace (10 s) plus the longest SMTP timeout (20 s). */
const WORKER_STOP_SECONDS = 30;

const problems: string[] = [];
const problem = (scope: string, message: string): void => {
  problems.push(`${scope}: ${message}`);
};

function fail(message: string): never {
  console.error(`deploy:check failed: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Helm: HELM_PATH, else the per-user cache, else `go install` into that cache.


async function ensureHelm(): Promise<string> {
  const explicit = process.env.HELM_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) fail(`HELM_PATH=${explicit} is not an executable file`);
    console.log(`helm: ${explicit} (HELM_PATH)`);
    return explicit;
  }
  const versionDir = join(userCacheDir(), 'helm', `v${HELM_VERSION}`);
  const target = join(versionDir, 'helm');
  if (isExecutable(target)) {
    console.log(`helm: ${target} (cache)`);
    return target;
  }
  const go = findGo();
  if (!go) fail(`helm v${HELM_VERSION} is not in ${target} and Go is not installed to build it: install Go, or set HELM_PATH to a helm 3 binary`);
  console.log(`helm v${HELM_VERSION} is not in ${target}: building it from the Go module proxy (go install ${HELM_MODULE}@v${HELM_VERSION}),`);
  console.log('  once per machine (several minutes on 2 cores); later runs reuse it.');
  const started = Date.now();
  await goInstall({ go, packages: [`${HELM_MODULE}@v${HELM_VERSION}`], binaries: ['helm'], target: versionDir, onOutput: (line) => console.log(`  ${line}`) }).catch((error: Error) => fail(error.message));
  console.log(`helm built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  return target;
}

// Helm's own configuration, cache and data stay in a scratch directory: nothing of the user's
// (repositories, plugins) is read, nothing is written to their home.
const helmHome = mkdtempSync(join(tmpdir(), 'dondoc-helm-'));
process.on('exit', () => rmSync(helmHome, { recursive: true, force: true }));

function helm(binary: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(binary, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      HELM_CONFIG_HOME: join(helmHome, 'config'),
      HELM_CACHE_HOME: join(helmHome, 'cache'),
      HELM_DATA_HOME: join(helmHome, 'data'),
    },
  });
  if (result.error) fail(`could not run ${binary}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// ---------------------------------------------------------------------------------------------
// A reader for the YAML that `helm template` prints: block mappings and sequences, quoted and plain
// scalars, empty or one-line flow collections. Anything else (anchors, tags, block scalars,
// multi-line scalars) stops the check rather than being misread.

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };
type YamlMap = { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  number: number;
}

class YamlReader {
  private pos = 0;

  private constructor(
    private readonly lines: Line[],
    private readonly source: string,
  ) {}

  static parse(text: string, source: string): Yaml {
    const lines: Line[] = [];
    text.split('\n').forEach((raw, index) => {
      const trimmed = raw.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const indent = raw.length - raw.trimStart().length;
      if (raw.slice(0, indent).includes('\t')) throw new Error(`${source}:${index + 1}: a tab in the indentation`);
      lines.push({ indent, text: raw.trimEnd().slice(indent), number: index + 1 });
    });
    if (lines.length === 0) return null;
    const reader = new YamlReader(lines, source);
    const value = reader.block(lines[0].indent);
    if (reader.pos < lines.length) reader.error(reader.lines[reader.pos], 'unexpected indentation');
    return value;
  }

  private error(line: Line, message: string): never {
    throw new Error(`${this.source}:${line.number}: ${message} (${line.text}); scripts/check-deploy.ts reads only the YAML subset helm prints for this chart`);
  }

  private static isItem(text: string): boolean {
    return text === '-' || text.startsWith('- ');
  }

  private block(indent: number): Yaml {
    return YamlReader.isItem(this.lines[this.pos].text) ? this.sequence(indent) : this.mapping(indent);
  }

  /** The value of a key with nothing after its colon: a deeper block, a sequence at the key's own indent, or null. */
  private child(indent: number): Yaml {
    const next = this.lines[this.pos];
    if (!next) return null;
    if (next.indent > indent) return this.block(next.indent);
    if (next.indent === indent && YamlReader.isItem(next.text)) return this.sequence(indent);
    return null;
  }

  private mapping(indent: number): YamlMap {
    const map: YamlMap = {};
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (line.indent < indent || YamlReader.isItem(line.text)) break;
      if (line.indent > indent) this.error(line, 'unexpected indentation');
      const entry = YamlReader.splitKey(line.text);
      if (!entry) this.error(line, 'expected "key: value"');
      if (Object.prototype.hasOwnProperty.call(map, entry.key)) this.error(line, `duplicate key ${entry.key}`);
      this.pos++;
      map[entry.key] = entry.rest === '' ? this.child(indent) : this.scalar(entry.rest, line);
    }
    return map;
  }

  private sequence(indent: number): Yaml[] {
    const items: Yaml[] = [];
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (line.indent !== indent || !YamlReader.isItem(line.text)) {
        if (line.indent > indent) this.error(line, 'unexpected indentation');
        break;
      }
      const afterDash = line.text.slice(1);
      const rest = afterDash.trimStart();
      const offset = 1 + afterDash.length - rest.length;
      if (rest === '' || rest.startsWith('#')) {
        this.pos++;
        const next = this.lines[this.pos];
        items.push(next && next.indent > indent ? this.block(next.indent) : null);
      } else if (YamlReader.isItem(rest) || YamlReader.splitKey(rest)) {
        // "- key: value" opens a mapping (or "- - x" a sequence) whose column is after the dash.
        this.lines[this.pos] = { indent: indent + offset, text: rest, number: line.number };
        items.push(this.block(indent + offset));
      } else {
        this.pos++;
        items.push(this.scalar(rest, line));
      }
    }
    return items;
  }

  /** The end (exclusive) of a quoted scalar starting at 0, or -1 when it does not close on this line. */
  private static quoteEnd(text: string): number {
    const quote = text[0];
    for (let i = 1; i < text.length; i++) {
      if (quote === '"' && text[i] === '\\') i++;
      else if (text[i] === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return -1;
  }

  /** "key: rest" → { key, rest }, or undefined when the text is not a mapping entry. */
  private static splitKey(text: string): { key: string; rest: string } | undefined {
    if (text.startsWith('[') || text.startsWith('{')) return undefined;
    let key: string;
    let after: number;
    if (text.startsWith('"') || text.startsWith("'")) {
      const end = YamlReader.quoteEnd(text);
      if (end < 0 || text[end] !== ':' || (end + 1 < text.length && text[end + 1] !== ' ')) return undefined;
      key = YamlReader.quoted(text.slice(0, end));
      after = end + 1;
    } else {
      const match = /:( |$)/.exec(text);
      if (!match) return undefined;
      key = text.slice(0, match.index).trim();
      after = match.index + 1;
    }
    let rest = text.slice(after).trim();
    if (rest.startsWith('#')) rest = '';
    return { key, rest };
  }

  private static quoted(text: string): string {
    if (text.startsWith('"')) return JSON.parse(text) as string;
    return text.slice(1, -1).replace(/''/g, "'");
  }

  private scalar(text: string, line: Line): Yaml {
    const first = text[0];
    if ('&*!|>%@`'.includes(first)) this.error(line, `unsupported YAML (${first})`);
    if (first === '"' || first === "'") {
      const end = YamlReader.quoteEnd(text);
      if (end < 0) this.error(line, 'a quoted scalar over several lines');
      const tail = text.slice(end).trim();
      if (tail !== '' && !tail.startsWith('#')) this.error(line, 'text after a quoted scalar');
      return YamlReader.quoted(text.slice(0, end));
    }
    if (first === '{') {
      if (/^\{\s*\}$/.test(text)) return {};
      this.error(line, 'a non-empty flow mapping');
    }
    if (first === '[') {
      if (!text.endsWith(']')) this.error(line, 'a flow sequence over several lines');
      const inner = text.slice(1, -1).trim();
      if (inner === '') return [];
      return inner.split(',').map((item) => {
        const value = item.trim();
        if (/^["'[{]/.test(value) && !/^(".*"|'.*')$/.test(value)) this.error(line, 'a nested or split flow item');
        return this.scalar(value, line);
      });
    }
    const plain = text.replace(/\s+#.*$/, '');
    if (/^(true|True|TRUE)$/.test(plain)) return true;
    if (/^(false|False|FALSE)$/.test(plain)) return false;
    if (/^(null|Null|NULL|~)$/.test(plain)) return null;
    if (/^[-+]?(\d+|\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return Number(plain);
    return plain;
  }
}

/** The documents of `helm template` output, each with the template it came from. */
function documents(output: string, scope: string): { source: string; doc: YamlMap }[] {
  return output
    .split(/^---[ \t]*$/m)
    .map((text) => {
      const source = /^# Source: (.+)$/m.exec(text)?.[1] ?? scope;
      return { source, doc: YamlReader.parse(text, `${scope} ${source}`) };
    })
    .filter((entry): entry is { source: string; doc: YamlMap } => {
      if (entry.doc === null) return false;
      if (typeof entry.doc !== 'object' || Array.isArray(entry.doc)) throw new Error(`${scope} ${entry.source}: a document that is not a mapping`);
      return true;
    });
}

// ---------------------------------------------------------------------------------------------
// Checks of the rendered manifests.

const isMap = (value: Yaml | undefined): value is YamlMap => typeof value === 'object' && value !== null && !Array.isArray(value);
const asMap = (value: Yaml | undefined): YamlMap => (isMap(value) ? value : {});
const asList = (value: Yaml | undefined): Yaml[] => (Array.isArray(value) ? value : []);
/** The value at a path of keys, or undefined. */
function at(value: Yaml | undefined, ...path: string[]): Yaml | undefined {
  let current = value;
  for (const key of path) {
    if (!isMap(current)) return undefined;
    current = current[key];
  }
  return current;
}
/** A scalar as text (a number or a boolean as YAML would print it); undefined for anything else. */
const text = (value: Yaml | undefined): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** Names of the README's Configuration table (first column, in backquotes). */
function readmeSettings(): Set<string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /^## Configuration$([\s\S]*?)^## /m.exec(readme)?.[1];
  if (!section) fail('README.md has no "## Configuration" section to take the variable names from');
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const cell = /^\|([^|]*)\|/.exec(line)?.[1];
    for (const match of cell?.matchAll(/`([A-Z][A-Z0-9_]+)`/g) ?? []) names.add(match[1]);
  }
  if (names.size < 30) fail(`README.md's Configuration table gave only ${names.size} names: has its format changed?`);
  return names;
}

/** Every string inside a value, with its path. */
function* strings(value: Yaml | undefined, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (isMap(value)) for (const [key, item] of Object.entries(value)) yield* strings(item, `${path}.${key}`);
}

/** A URL carrying a user and a password: a secret written out in the manifest or values. */
const CREDENTIAL_URL = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;

interface Expectations {
  secretName: string;
  temporalAddress: string;
  apiReplicas: number;
  workerReplicas: number;
  /** ConfigMap entries expected verbatim. */
  config: Record<string, string>;
  /** Secret keys the API and worker must read. */
  secretKeys: string[];
  /** Exact resources of the defaults. */
  resources?: Record<'api' | 'worker', string>;
  /** extraCaCertificates is set: every pod reads NODE_EXTRA_CA_CERTS from a mounted file. */
  extraCa?: boolean;
}

const component = (doc: YamlMap): string | undefined => text(at(doc, 'metadata', 'labels', 'app.kubernetes.io/component'));
const containersOf = (doc: YamlMap): YamlMap[] => asList(at(doc, 'spec', 'template', 'spec', 'containers')).map(asMap);
const resourcesText = (container: YamlMap): string =>
  ['requests', 'limits'].map((kind) => `${kind} ${text(at(container, 'resources', kind, 'cpu'))}/${text(at(container, 'resources', kind, 'memory'))}`).join(', ');

/** Resources, security context and token of a workload's pod (Deployment or Job). */
function checkPod(scope: string, doc: YamlMap): void {
  const pod = asMap(at(doc, 'spec', 'template', 'spec'));
  if (pod.automountServiceAccountToken !== false) problem(scope, 'automountServiceAccountToken is not false');
  if (at(pod, 'securityContext', 'runAsNonRoot') !== true) problem(scope, 'pod securityContext.runAsNonRoot is not true');
  const uid = at(pod, 'securityContext', 'runAsUser');
  if (typeof uid !== 'number' || uid === 0) problem(scope, `pod securityContext.runAsUser is ${text(uid)} (the image's user is node, uid 1000)`);
  const containers = containersOf(doc);
  if (containers.length === 0) problem(scope, 'no containers');
  for (const container of containers) {
    const name = `${scope} container ${text(container.name)}`;
    for (const kind of ['requests', 'limits'])
      for (const resource of ['cpu', 'memory'])
        if (text(at(container, 'resources', kind, resource)) === undefined) problem(name, `no resources.${kind}.${resource}`);
    if (at(container, 'securityContext', 'readOnlyRootFilesystem') !== true) problem(name, 'securityContext.readOnlyRootFilesystem is not true');
    if (at(container, 'securityContext', 'allowPrivilegeEscalation') !== false) problem(name, 'securityContext.allowPrivilegeEscalation is not false');
    if (!asList(at(container, 'securityContext', 'capabilities', 'drop')).includes('ALL')) problem(name, 'capabilities are not all dropped');
    if (!text(container.image)) problem(name, 'no image');
  }
}

/** Environment entries: secrets only by reference to the Secret, every name from the README. */
function checkEnv(scope: string, doc: YamlMap, expect: Expectations, settings: Set<string>): Map<string, YamlMap> {
  const byName = new Map<string, YamlMap>();
  for (const container of containersOf(doc)) {
    if (expect.extraCa) {
      const path = text(asList(container.env).map(asMap).find((e) => e.name === 'NODE_EXTRA_CA_CERTS')?.value);
      const mounts = asList(container.volumeMounts).map((m) => text(at(m, 'mountPath')));
      if (!path) problem(scope, 'no NODE_EXTRA_CA_CERTS although extraCaCertificates is set');
      else if (!mounts.some((mount) => mount !== undefined && path.startsWith(`${mount}/`))) problem(scope, `NODE_EXTRA_CA_CERTS ${path} is on no mounted volume`);
    }
    for (const entry of asList(container.env).map(asMap)) {
      const name = text(entry.name) ?? '';
      byName.set(name, entry);
      if (!settings.has(name) && !NODE_VARIABLES.includes(name)) problem(scope, `env ${name} is not a variable of the README's Configuration table`);
      if (SECRET_NAMES.includes(name)) {
        const ref = at(entry, 'valueFrom', 'secretKeyRef');
        if (entry.value !== undefined) problem(scope, `env ${name} has an inline value: secrets come from the Secret ${expect.secretName}`);
        else if (text(at(ref, 'name')) !== expect.secretName || text(at(ref, 'key')) !== name)
          problem(scope, `env ${name} does not come from secretKeyRef ${expect.secretName}/${name}`);
      }
    }
  }
  return byName;
}

function checkManifests(scope: string, output: string, expect: Expectations, settings: Set<string>): void {
  let docs: { source: string; doc: YamlMap }[];
  try {
    docs = documents(output, scope);
  } catch (error) {
    problem(scope, (error as Error).message);
    return;
  }
  const of = (kind: string, name?: string) => docs.map((d) => d.doc).filter((doc) => doc.kind === kind && (name === undefined || component(doc) === name));

  for (const { source, doc } of docs) {
    if (!doc.apiVersion || !doc.kind || !text(at(doc, 'metadata', 'name'))) problem(`${scope} ${source}`, 'a document without apiVersion, kind or metadata.name');
    if (doc.kind === 'Secret') problem(`${scope} ${source}`, 'the chart renders a Secret: secrets come from the existing Secret only');
    for (const [path, value] of strings(doc, `${text(doc.kind)}`))
      if (CREDENTIAL_URL.test(value)) problem(`${scope} ${source}`, `${path} holds a URL with credentials`);
  }

  // ConfigMap: the settings, nothing secret, names from the README only.
  const configMaps = of('ConfigMap');
  if (configMaps.length !== 1) problem(scope, `expected 1 ConfigMap, found ${configMaps.length}`);
  const configMap = configMaps[0] ?? {};
  const configName = text(at(configMap, 'metadata', 'name'));
  const data = asMap(configMap.data);
  for (const key of Object.keys(data)) {
    if (SECRET_NAMES.includes(key)) problem(scope, `the ConfigMap holds the secret ${key}`);
    else if (!settings.has(key)) problem(scope, `the ConfigMap's ${key} is not a variable of the README's Configuration table`);
  }
  const expected: Record<string, string> = { NODE_ENV: 'production', TEMPORAL_ADDRESS: expect.temporalAddress, ...expect.config };
  for (const [key, value] of Object.entries(expected))
    if (text(data[key]) !== value) problem(scope, `ConfigMap ${key} is ${JSON.stringify(text(data[key]))}, expected ${JSON.stringify(value)}`);
  if (!text(data.PUBLIC_URL)) problem(scope, 'the ConfigMap has no PUBLIC_URL');

  // Deployments: the API and the worker.
  const deployments = of('Deployment');
  if (deployments.length !== 2) problem(scope, `expected 2 Deployments (api, worker), found ${deployments.length}`);
  for (const [name, replicas] of [['api', expect.apiReplicas], ['worker', expect.workerReplicas]] as const) {
    const doc = of('Deployment', name)[0];
    const where = `${scope} Deployment ${name}`;
    if (!doc) {
      problem(scope, `no Deployment with component ${name}`);
      continue;
    }
    checkPod(where, doc);
    if (at(doc, 'spec', 'replicas') !== replicas) problem(where, `replicas ${text(at(doc, 'spec', 'replicas'))}, expected ${replicas}`);
    const env = checkEnv(where, doc, expect, settings);
    for (const key of expect.secretKeys) if (!env.has(key)) problem(where, `does not read ${key} from the Secret`);
    for (const container of containersOf(doc)) {
      const refs = asList(container.envFrom).map((ref) => text(at(ref, 'configMapRef', 'name')));
      if (!configName || !refs.includes(configName)) problem(where, `container ${text(container.name)} does not read the ConfigMap ${configName}`);
      if (expect.resources && resourcesText(container) !== expect.resources[name])
        problem(where, `resources ${resourcesText(container)}, expected ${expect.resources[name]}`);
    }
    const pdb = of('PodDisruptionBudget', name)[0];
    if (!pdb) problem(where, 'no PodDisruptionBudget');
    else {
      const selector = asMap(at(pdb, 'spec', 'selector', 'matchLabels'));
      const labels = asMap(at(doc, 'spec', 'template', 'metadata', 'labels'));
      if (Object.keys(selector).length === 0 || Object.entries(selector).some(([k, v]) => labels[k] !== v)) problem(where, 'its PodDisruptionBudget does not select its pods');
    }
  }

  // The API: port, probes on /api/health, Service.
  const api = of('Deployment', 'api')[0];
  if (api) {
    const where = `${scope} Deployment api`;
    const container = containersOf(api)[0] ?? {};
    const port = asList(container.ports).map(asMap).find((p) => p.name === 'http');
    const portEnv = asList(container.env).map(asMap).find((e) => e.name === 'PORT');
    if (!port) problem(where, 'no container port named http');
    else if (text(portEnv?.value) !== text(port.containerPort)) problem(where, `PORT ${text(portEnv?.value)} differs from the container port ${text(port.containerPort)}`);
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      const get = at(container, probe, 'httpGet');
      const expected = HEALTH_PATHS[probe as keyof typeof HEALTH_PATHS];
      if (text(at(get, 'path')) !== expected) problem(where, `${probe} is not an HTTP GET of ${expected}`);
      else if (text(at(get, 'port')) !== 'http' && text(at(get, 'port')) !== text(port?.containerPort)) problem(where, `${probe} does not target the API's port`);
    }
    const service = of('Service', 'api')[0];
    if (!service) problem(scope, 'no Service for the API');
    else {
      const servicePort = asMap(asList(at(service, 'spec', 'ports'))[0]);
      if (text(servicePort.targetPort) !== 'http' && text(servicePort.targetPort) !== text(port?.containerPort)) problem(scope, 'the API Service does not target the container port');
      const selector = asMap(at(service, 'spec', 'selector'));
      const labels = asMap(at(api, 'spec', 'template', 'metadata', 'labels'));
      if (Object.keys(selector).length === 0 || Object.entries(selector).some(([k, v]) => labels[k] !== v)) problem(scope, 'the API Service does not select the API pods');
    }
  }

  // The worker: no HTTP, no probes, a grace period above its stop.
  const worker = of('Deployment', 'worker')[0];
  if (worker) {
    const where = `${scope} Deployment worker`;
    const container = containersOf(worker)[0] ?? {};
    if (asList(container.ports).length > 0) problem(where, 'declares ports: the worker serves no HTTP');
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) if (container[probe] !== undefined) problem(where, `has a ${probe}: the worker has no endpoint to probe`);
    if (!asList(container.command).includes('dist/apps/worker/src/main.js')) problem(where, 'does not run dist/apps/worker/src/main.js');
    const grace = at(worker, 'spec', 'template', 'spec', 'terminationGracePeriodSeconds');
    if (typeof grace !== 'number' || grace <= WORKER_STOP_SECONDS) problem(where, `terminationGracePeriodSeconds ${text(grace)} is not above ${WORKER_STOP_SECONDS} s (shutdown grace 10 s + SMTP timeouts 20 s)`);
  }

  // The migration: a hook Job.
  const jobs = of('Job');
  if (jobs.length !== 1) problem(scope, `expected 1 Job (the migration), found ${jobs.length}`);
  const job = jobs[0];
  if (job) {
    const where = `${scope} Job ${text(at(job, 'metadata', 'name'))}`;
    checkPod(where, job);
    checkEnv(where, job, expect, settings);
    const hooks = (text(at(job, 'metadata', 'annotations', 'helm.sh/hook')) ?? '').split(',').map((hook) => hook.trim());
    for (const hook of ['pre-install', 'pre-upgrade']) if (!hooks.includes(hook)) problem(where, `the helm.sh/hook annotation lacks ${hook}`);
    if (!text(at(job, 'metadata', 'annotations', 'helm.sh/hook-delete-policy'))) problem(where, 'no helm.sh/hook-delete-policy (the next release could not create it again)');
    const command = asList(containersOf(job)[0]?.command).map((part) => text(part)).join(' ');
    if (command !== 'node dist/libs/database/src/migrate.js') problem(where, `runs "${command}", expected "node dist/libs/database/src/migrate.js"`);
    if (at(job, 'spec', 'template', 'spec', 'restartPolicy') !== 'Never') problem(where, 'restartPolicy is not Never');
    if (!asList(containersOf(job)[0]?.env).some((e) => at(e, 'name') === 'DATABASE_URL')) problem(where, 'does not read DATABASE_URL');
    if (asList(containersOf(job)[0]?.envFrom).length > 0) problem(where, "reads envFrom: a pre-install hook runs before the release's ConfigMap exists");
  }
}

/** values files: no secret name in config, no credentials anywhere. */
function checkValuesFile(path: string): void {
  const scope = relative(root, path);
  let values: Yaml;
  try {
    values = YamlReader.parse(readFileSync(path, 'utf8'), scope);
  } catch (error) {
    problem(scope, (error as Error).message);
    return;
  }
  for (const key of Object.keys(asMap(at(values, 'config')))) if (SECRET_NAMES.includes(key)) problem(scope, `config.${key}: a secret in values`);
  for (const [key, value] of Object.entries(asMap(at(values, 'secrets'))))
    if (key !== 'existingSecret') problem(scope, `secrets.${key}=${text(value)}: values name the Secret only`);
  for (const [where, value] of strings(values, 'values')) if (CREDENTIAL_URL.test(value)) problem(scope, `${where} holds a URL with credentials`);
}

// ---------------------------------------------------------------------------------------------

const REQUIRED = ['--set-string', 'config.PUBLIC_URL=https://dondoc.example.gov.vn', '--set-string', 'secrets.existingSecret=dondoc'];

async function main(): Promise<void> {
  const started = Date.now();
  const binary = await ensureHelm();
  const version = helm(binary, ['version', '--short']);
  if (version.status !== 0) fail(`${binary} version failed: ${version.stderr.trim()}`);
  console.log(`helm version --short: ${version.stdout.trim()} (a go install build reports no patch number)`);
  const settings = readmeSettings();
  const relChart = relative(root, chart);

  const lint = (label: string, args: string[]): void => {
    console.log(`== helm lint --strict ${relChart} (${label})`);
    const result = helm(binary, ['lint', '--strict', '--kube-version', KUBE_VERSION, chart, ...args]);
    if (result.status !== 0) problem(`helm lint (${label})`, `failed:\n${(result.stdout + result.stderr).trim()}`);
  };
  lint('default values + the required ones', REQUIRED);
  lint('ci-values.yaml', ['-f', ciValues]);

  const render = (label: string, args: string[], expect: Expectations): void => {
    console.log(`== helm template ${relChart} (${label})`);
    const result = helm(binary, ['template', 'dondoc', chart, '--namespace', 'dondoc', '--kube-version', KUBE_VERSION, ...args]);
    if (result.status !== 0) {
      problem(`helm template (${label})`, `failed:\n${result.stderr.trim()}`);
      return;
    }
    const before = problems.length;
    checkManifests(label, result.stdout, expect, settings);
    const kinds = (result.stdout.match(/^kind: .+$/gm) ?? []).map((line) => line.slice(6));
    console.log(`   ${kinds.length} objects (${kinds.join(', ')}): ${problems.length === before ? 'ok' : `${problems.length - before} problem(s)`}`);
  };
  render('defaults', REQUIRED, {
    secretName: 'dondoc',
    temporalAddress: 'temporal-frontend:7233',
    apiReplicas: 2,
    workerReplicas: 2,
    config: { PUBLIC_URL: 'https://dondoc.example.gov.vn', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'dondoc', DATABASE_SSL: 'true', DATABASE_POOL_SIZE: '10', LOG_LEVEL: 'info', MAIL_SEND_CONCURRENCY: '4', EVIDENCE_CHECK_CONCURRENCY: '8' },
    secretKeys: ['DATABASE_URL', 'JWT_SECRET', 'SMTP_URL'],
    resources: {
      api: 'requests 250m/256Mi, limits 1/512Mi',
      worker: 'requests 500m/512Mi, limits 2/1536Mi',
    },
  });
  const production: Expectations = {
    secretName: 'dondoc',
    temporalAddress: 'temporal-frontend:7233',
    apiReplicas: 3,
    workerReplicas: 4,
    config: {
      PUBLIC_URL: 'https://dondoc.example.gov.vn',
      TEMPORAL_NAMESPACE: 'dondoc',
      TEMPORAL_TLS: 'true',
      TEMPORAL_TLS_CERT_PATH: '/etc/dondoc/temporal-tls/tls.crt',
      TEMPORAL_TLS_CA_PATH: '/etc/dondoc/temporal-tls/ca.crt',
      DATABASE_POOL_SIZE: '20',
      EVIDENCE_MAX_DATASET_BYTES: '52428800',
      ADMIN_EMAIL: 'admin@example.gov.vn',
    },
    secretKeys: ['DATABASE_URL', 'JWT_SECRET', 'SMTP_URL', 'ADMIN_PASSWORD'],
    extraCa: true,
  };
  render('ci-values.yaml', ['-f', ciValues], production);
  render('ci-values.yaml, Temporal Cloud', ['-f', ciValues, '--set-string', 'temporal.address=dondoc.a1b2c.tmprl.cloud:7233', '--set', 'temporal.apiKey=true'], {
    ...production,
    temporalAddress: 'dondoc.a1b2c.tmprl.cloud:7233',
    secretKeys: [...production.secretKeys, 'TEMPORAL_API_KEY'],
  });

  console.log('== the chart refuses bad values');
  const refuses = (label: string, args: string[], message: string): void => {
    const result = helm(binary, ['template', 'dondoc', chart, '--kube-version', KUBE_VERSION, ...args]);
    if (result.status === 0) problem(`helm template (${label})`, 'rendered; it must fail');
    else if (!result.stderr.includes(message)) problem(`helm template (${label})`, `failed without naming "${message}":\n${result.stderr.trim()}`);
  };
  refuses('no values', [], 'secrets.existingSecret is required');
  refuses('no PUBLIC_URL', ['--set-string', 'secrets.existingSecret=dondoc'], 'config.PUBLIC_URL is required');
  refuses('a secret in config', [...REQUIRED, '--set-string', 'config.JWT_SECRET=not-here'], 'config.JWT_SECRET is a secret');
  refuses('an unknown name', [...REQUIRED, '--set-string', 'config.MAIL_SEND_CONCURENCY=4'], 'config.MAIL_SEND_CONCURENCY is not a dondoc setting');
  refuses('a chart-set name', [...REQUIRED, '--set-string', 'config.TEMPORAL_ADDRESS=x:7233'], 'config.TEMPORAL_ADDRESS is set by the chart');

  checkValuesFile(join(chart, 'values.yaml'));
  checkValuesFile(ciValues);

  if (problems.length > 0) {
    console.error(`\ndeploy:check failed: ${problems.length} problem(s) in ${relChart}:`);
    for (const line of problems) console.error(`  - ${line}`);
    process.exit(1);
  }
  console.log(`deploy:check passed in ${((Date.now() - started) / 1000).toFixed(1)} s: lint, 3 renders checked, 5 bad values refused.`);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
