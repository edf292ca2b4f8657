/**
 * HTTP over a bare TCP socket (node:net), for what fetch and inject cannot send: malformed request
 * lines, duplicate headers, oversized headers, and a body that trickles in a byte at a time.
 */
import { connect } from 'node:net';

export interface RawResponse {
  /** The status code of the first status line, or 0 when the server closed without answering. */
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Milliseconds from connecting until the server closed the connection. */
  readonly closedAfterMs: number;
}

export interface RawRequestOptions {
  /** Sent after `head`, one chunk every `dripEveryMs` until the server closes the connection. */
  readonly drip?: { readonly chunks: readonly string[]; readonly everyMs: number };
  /** Give up (and fail) after this long. Default 5000 ms. */
  readonly timeoutMs?: number;
}

/** Sends `head` (request line, headers, perhaps a body) and reads until the server closes. */
export function rawRequest(port: number, head: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const socket = connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let drip: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => { socket.destroy(); reject(new Error(`no close within ${options.timeoutMs ?? 5000} ms`)); }, options.timeoutMs ?? 5000);
    socket.on('connect', () => {
      socket.write(head);
      const chunks = [...(options.drip?.chunks ?? [])];
      if (options.drip) {
        drip = setInterval(() => {
          const next = chunks.shift();
          if (next === undefined || socket.destroyed) return clearInterval(drip);
          socket.write(next);
        }, options.drip.everyMs);
      }
    });
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => { /* a reset after the answer is expected here; the close below reports */ });
    socket.on('close', () => {
      clearTimeout(giveUp);
      clearInterval(drip);
      resolve({ ...parse(Buffer.concat(received).toString('latin1')), closedAfterMs: performance.now() - startedAt });
    });
  });
}

/** Closes the connection after the first response: every request here is sent with `Connection: close`. */
function parse(text: string): Omit<RawResponse, 'closedAfterMs'> {
  const end = text.indexOf('\r\n\r\n');
  if (!text.startsWith('HTTP/') || end < 0) return { status: 0, headers: {}, body: text };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status: Number(statusLine!.split(' ')[1]), headers, body };
}

function unchunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

/** A request head with CRLF line ends and `Connection: close`; `headers` may repeat a name. */
export function requestHead(method: string, path: string, headers: readonly (readonly [string, string])[], body = ''): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers.map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
