/**
 * Errors node's HTTP server raises before fastify sees a request (malformed HTTP, headers too large,
 * a request that did not arrive in time) answered with a coded JSON body like every other refusal,
 * in place of fastify's default `{"statusCode":400}` that carries no code. Installed as fastify's
 * `clientErrorHandler`.
 */
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { errorBody, type GatewayErrorCode } from '#domain/errors.ts';

interface ClientErrorAnswer {
  readonly status: number;
  readonly code: GatewayErrorCode;
  readonly message: string;
}

/** What a client error from node's parser or its timers is answered with. */
export function clientErrorAnswer(error: { code?: string }): ClientErrorAnswer {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time.' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large.' };
    default:
      return { status: 400, code: 'MALFORMED_REQUEST', message: 'The request is not well-formed HTTP.' };
  }
}

export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one left to answer (https://nodejs.org/api/http.html#event-clienterror).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // A connection that never sent a byte (a browser's preconnected spare socket) is closed without a word:
  // a 408 written into it unasked is read by the browser as the answer to the next request it sends there.
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' && socket.bytesRead === 0) {
    socket.destroy();
    return;
  }
  // A response already under way on this socket (a slow body cut after the handler began answering)
  // cannot be followed by another status line without corrupting the stream: close it instead.
  // `_httpMessage` is node's own link from the socket to its in-flight response, the one node checks too.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const answer = clientErrorAnswer(error);
    const body = JSON.stringify(errorBody(answer.code, answer.message));
    socket.write(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nContent-Type: application/json; charset=utf-8\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
