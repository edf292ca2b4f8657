/**
 * Reads a response body into one Buffer, but never more than `maxBytes`: a misbehaving upstream
 * (an unpaginated export, an endless stream) must not take the gateway's memory with it.
 */
export type BoundedBody =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly readBytes: number };

export async function readBoundedBody(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<BoundedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    // Leaving the loop early destroys the stream, so the rest is never read or buffered.
    if (size > maxBytes) return { ok: false, readBytes: size };
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}
