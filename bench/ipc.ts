/**
 * Request/response over the child-process IPC channel, so the benchmark can keep the mocks and the
 * contender under test in processes of their own and still turn knobs and read counters in them.
 */
import { fork, type ChildProcess } from 'node:child_process';

interface Call { readonly id: number; readonly method: string; readonly args: unknown }
interface Reply { readonly id: number; readonly ok: boolean; readonly value?: unknown; readonly error?: string }

export type Handlers = Readonly<Record<string, (args: never) => unknown>>;

export interface ChildHandle {
  call<T>(method: string, args?: unknown): Promise<T>;
  /** Asks the child to close (method `close`), then waits for it to exit. */
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

export interface SpawnOptions {
  /** Arguments after the script path. Default none. */
  readonly args?: readonly string[];
  /** Extra Node flags for the child (e.g. `--cpu-prof`). Default none. */
  readonly execArgv?: readonly string[];
  /** How long to wait for the child's `ready` message, in ms. Default 120000. */
  readonly readyTimeoutMs?: number;
}

/** Forks a script that calls `serve()`, and resolves once it said it is ready (with what it sent). */
export async function spawnChild<Ready>(script: string, options: SpawnOptions = {}): Promise<{ child: ChildHandle; ready: Ready }> {
  const child: ChildProcess = fork(script, [...(options.args ?? [])], {
    execArgv: [...process.execArgv, ...(options.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not get ready in time`)), options.readyTimeoutMs ?? 120_000);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    child.on('message', (message: { ready?: Ready } & Partial<Reply>) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve(message.ready as Ready);
        return;
      }
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id as number);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(message.error ?? 'child call failed'));
    });
  });
  child.once('exit', () => {
    for (const waiting of pending.values()) waiting.reject(new Error(`${script} exited`));
    pending.clear();
  });
  const handle: ChildHandle = {
    pid: child.pid,
    call<T>(method: string, args?: unknown): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, method, args } satisfies Call);
      });
    },
    async stop() {
      if (child.exitCode === null) {
        const id = next++;
        child.send({ id, method: 'close', args: undefined } satisfies Call);
      }
      await exited;
    },
  };
  return { child: handle, ready };
}

/** The child's side: answers calls with the handlers, says it is ready, and exits after `close`. */
export function serve(handlers: Handlers & { close: () => unknown }, ready: unknown): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('This script runs as a child of bench/run.ts (it needs an IPC channel).');
  let closing: Promise<unknown> | null = null;
  const close = () => (closing ??= Promise.resolve(handlers.close()));
  process.on('message', (message: Call) => {
    void (async () => {
      const handler = message.method === 'close' ? close : handlers[message.method] as ((args: unknown) => unknown) | undefined;
      try {
        if (!handler) throw new Error(`unknown method ${message.method}`);
        const value = await handler(message.args);
        send({ id: message.id, ok: true, value } satisfies Reply);
        if (message.method === 'close') process.disconnect();
      } catch (error) {
        send({ id: message.id, ok: false, error: (error as Error).message } satisfies Reply);
      }
    })();
  });
  // The parent going away (Ctrl-C, a crash) must not leave servers behind on loopback ports.
  process.on('disconnect', () => {
    void close().finally(() => process.exit(0));
  });
  send({ ready });
}
