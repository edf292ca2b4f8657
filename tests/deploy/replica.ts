/**
 * The gateway as production runs it: `node src/main.ts` (the image's entrypoint) as a child process,
 * with nothing of the test's environment but what is given. Its URL comes from its own log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = 'src/main.ts';

export interface Replica {
  /** The GraphQL endpoint, as the replica logged it. */
  readonly url: string;
  /** Its stdout lines so far (JSON log lines). */
  readonly logs: readonly string[];
  stop(): Promise<number | null>;
  /** SIGKILL: no draining, no shutdown hooks (a crash); resolves with the signal it died of. */
  kill(): Promise<NodeJS.Signals | null>;
}

export interface Refusal {
  readonly code: number | null;
  readonly stderr: string;
  readonly stdout: string;
}

/** Only what a container would have: the platform's PATH and the variables given. */
function childEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', ...env };
}

function launch(env: Readonly<Record<string, string>>): ChildProcess {
  return spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function startReplica(env: Readonly<Record<string, string>>, timeoutMs = 60_000): Promise<Replica> {
  const child = launch(env);
  const logs: string[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killed = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  return new Promise<Replica>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica did not log its URL within ${timeoutMs} ms:\n${stderr}\n${logs.join('\n')}`));
    }, timeoutMs);
    let pending = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const entry = parse(line);
        if (entry?.msg === 'ketenpoort is listening' && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve({
            url: entry.url, logs,
            stop: async () => {
              if (child.exitCode === null) child.kill('SIGTERM');
              return exited;
            },
            kill: async () => {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
              return killed;
            },
          });
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited (${code}) before listening:\n${stderr}\n${logs.join('\n')}`));
    });
  });
}

/** Starts a replica that is expected to refuse; resolves when it has exited. */
export function startRefused(env: Readonly<Record<string, string>>, timeoutMs = 60_000): Promise<Refusal> {
  const child = launch(env);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  return new Promise<Refusal>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`a start that should be refused was still running after ${timeoutMs} ms:\n${stdout}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function parse(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}
