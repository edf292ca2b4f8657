import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBoundedBody } from '#kit/read-bounded-body.ts';

function streamOf(chunks: readonly string[]): Readable {
  return Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'utf8')));
}

describe('readBoundedBody', () => {
  it.each([
    // chunks, bound, expected text or null for "too large"
    [[], 0, ''],
    [['abc'], 3, 'abc'],
    [['ab', 'c'], 3, 'abc'],
    [['ab', 'cd'], 3, null],
    [['abcd'], 3, null],
    [['\uFEFFbom'], 6, '\uFEFFbom'], // the BOM is three bytes and is kept
  ] as const)('%j within %i bytes', async (chunks, bound, expected) => {
    const result = await readBoundedBody(streamOf(chunks), bound);
    if (expected === null) {
      expect(result.ok).toBe(false);
    } else {
      expect(result).toEqual({ ok: true, bytes: Buffer.from(expected, 'utf8') });
    }
  });

  it('stops reading at the bound and destroys the stream', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024, 0x61));
      },
    });
    const result = await readBoundedBody(endless, 4096);
    expect(result).toEqual({ ok: false, readBytes: 5120 });
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(40);
  });
});
