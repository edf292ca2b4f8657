import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '#src/audit/group-commit.ts';

function recorder(fail: (batch: readonly number[]) => boolean = () => false) {
  const batches: number[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const write = async (items: readonly number[]): Promise<void> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    if (fail(items)) throw new Error('disk full');
    batches.push([...items]);
  };
  return { batches, write, maxInFlight: () => maxInFlight };
}

describe('group commit', () => {
  it('writes calls from the same tick as one batch, in call order', async () => {
    const r = recorder();
    const group = createGroupCommit({ write: r.write });
    await Promise.all([[1], [2, 3], [4]].map((items) => group.submit(items)));
    expect(r.batches).toEqual([[1, 2, 3, 4]]);
  });

  it('writes one batch at a time; what arrives meanwhile is the next batch', async () => {
    const r = recorder();
    const group = createGroupCommit({ write: r.write, maxWaitMs: 0 });
    const first = group.submit([1]);
    await new Promise((resolve) => setTimeout(resolve, 2));
    const later = [group.submit([2]), group.submit([3])];
    await Promise.all([first, ...later]);
    expect(r.batches).toEqual([[1], [2, 3]]);
    expect(r.maxInFlight()).toBe(1);
  });

  it('splits at maxBatch without splitting one caller', async () => {
    const r = recorder();
    const group = createGroupCommit({ write: r.write, maxBatch: 3 });
    await Promise.all([[1, 2], [3, 4], [5], [6, 7, 8, 9]].map((items) => group.submit(items)));
    expect(r.batches).toEqual([[1, 2], [3, 4, 5], [6, 7, 8, 9]]);
  });

  it('rejects every caller of a failed batch and carries on with the next', async () => {
    const r = recorder((items) => items.includes(2));
    const group = createGroupCommit({ write: r.write, maxWaitMs: 0 });
    const failing = [group.submit([1]), group.submit([2])];
    const results = await Promise.allSettled(failing);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await group.submit([3]);
    expect(r.batches).toEqual([[3]]);
  });

  it('rejects a caller when write throws synchronously', async () => {
    const group = createGroupCommit<number>({ write: () => { throw new Error('boom'); } });
    await expect(group.submit([1])).rejects.toThrow('boom');
  });

  it('drain waits for queued and running batches', async () => {
    const r = recorder();
    const group = createGroupCommit({ write: r.write, maxWaitMs: 50 });
    void group.submit([1]);
    void group.submit([2]);
    await group.drain();
    expect(r.batches).toEqual([[1, 2]]);
  });

  it('resolves an empty submit without writing', async () => {
    const r = recorder();
    await createGroupCommit({ write: r.write }).submit([]);
    expect(r.batches).toEqual([]);
  });
  it('refuses, unwritten, what queued past maxQueue behind a stalled write: its caller stopped waiting', async () => {
    const written: number[][] = [];
    let release = (): void => {};
    const group = createGroupCommit<number>({
      maxWaitMs: 0,
      maxQueue: { ms: 50, expired: () => new Error('waited too long') },
      write: async (items) => {
        if (items.includes(1)) await new Promise<void>((resolve) => { release = resolve; });
        written.push([...items]);
      },
    });
    const stalled = group.submit([1]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const queued = group.submit([2]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const fresh = group.submit([3]);
    release();
    await stalled;
    await expect(queued).rejects.toThrow('waited too long');
    await fresh;
    expect(written).toEqual([[1], [3]]);
  });
});
