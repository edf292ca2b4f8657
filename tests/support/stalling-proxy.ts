/**
 * A TCP proxy on loopback that can stall: stop forwarding in both directions without closing anything,
 * as a network that silently drops packets looks to the gateway (its connections stay open, nothing
 * answers, connecting completes at the proxy and then hears nothing). Resuming forwards what waited,
 * as TCP would once the path heals.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface StallingProxy {
  /** The given connection string with host and port replaced by the proxy's. */
  readonly url: string;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startStallingProxy(connectionString: string): Promise<StallingProxy> {
  const target = new URL(connectionString);
  const sockets = new Set<Socket>();
  let stalled = false;

  const server = createServer((client) => {
    const upstream = connect({ host: target.hostname, port: Number(target.port || 5432) });
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(from);
      // Reading stops while stalled (socket.pause), so bytes wait in the kernel's buffers, unforwarded.
      if (stalled) from.pause();
      from.on('data', (chunk) => to.write(chunk));
      from.on('error', () => to.destroy());
      from.on('close', () => { sockets.delete(from); to.destroy(); });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  const url = new URL(connectionString);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);

  return {
    url: url.toString(),
    stall() {
      stalled = true;
      for (const socket of sockets) socket.pause();
    },
    resume() {
      stalled = false;
      for (const socket of sockets) socket.resume();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
