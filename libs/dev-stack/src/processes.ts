import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer, Socket } from 'node:net';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether something accepts TCP connections on host:port. */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/**
 * Polls `probe` until it returns true, or fails after `timeoutMs` with `what` in the message;
 * `failure` ends the wait at once (e.g. when the process being waited for has exited).
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
  failure: () => Error | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failed = failure();
    if (failed) throw failed;
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves when the child has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Stops a child: `signal` first (to its whole process group when it was spawned detached, or
 * to the child alone with `groupFirst: false`), then SIGKILL to the group after `graceMs`.
 */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 15_000,
  options: { groupFirst?: boolean } = {},
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const send = (sig: NodeJS.Signals, group: boolean) => {
    try {
      if (group) process.kill(-pid, sig);
      else child.kill(sig);
    } catch {
      try {
        child.kill(sig);
      } catch {
        /* already gone */
      }
    }
  };
  const gone = exited(child);
  send(signal, options.groupFirst ?? true);
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      send('SIGKILL', true);
      resolve();
    }, graceMs);
  });
  await Promise.race([gone, forced]);
  clearTimeout(timer);
  await gone;
}

/** Spawns a child in its own process group, so a terminal's Ctrl-C reaches only the parent. */
export function spawnDetached(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
}

/** Calls `onLine` for each line the stream writes. */
export function eachLine(stream: NodeJS.ReadableStream | null | undefined, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let index: number;
    while ((index = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, index).replace(/\r$/, ''));
      buffer = buffer.slice(index + 1);
    }
  });
  stream.on('end', () => {
    if (buffer) onLine(buffer);
  });
}

export interface ServerStart {
  /** The executable and its arguments (started detached, in a process group of its own). */
  command: string;
  args: string[];
  /** What is waited for, in the timeout's message. */
  what: string;
  /** True once the server serves. */
  ready: () => Promise<boolean>;
  timeoutMs: number;
  intervalMs: number;
  /** Each line the server writes. */
  onLog?: (line: string) => void;
}

/**
 * Starts a server and waits until `ready`: if it exits first, the error carries its last lines of
 * output (each cut at 400 characters: some servers log whole stack traces); if it never gets ready,
 * it is killed. Returns the child, stopped later with `stopChild`.
 */
export async function startServer(start: ServerStart): Promise<ChildProcess> {
  const child = spawnDetached(start.command, start.args);
  const recent: string[] = [];
  const onLine = (line: string) => {
    recent.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
    if (recent.length > 30) recent.shift();
    start.onLog?.(line);
  };
  eachLine(child.stdout, onLine);
  eachLine(child.stderr, onLine);
  let exitedEarly = false;
  void exited(child).then(() => {
    exitedEarly = true;
    recent.push(`(exit code ${child.exitCode ?? '-'}, signal ${child.signalCode ?? '-'})`);
  });
  try {
    await waitUntil(start.what, start.ready, start.timeoutMs, start.intervalMs, () =>
      exitedEarly ? new Error(`${start.what} exited during start-up:\n${recent.join('\n')}`) : undefined,
    );
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw error;
  }
  return child;
}
