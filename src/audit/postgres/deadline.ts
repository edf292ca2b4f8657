/**
 * Internal: a bound on the whole of one piece of audit work, not only on each of its queries. An append
 * is five statements and, queued behind a stalled one, a second batch; per-query timeouts alone would
 * let a caller wait several times the bound. Past the deadline the caller is answered (rejected) at
 * once; the work goes on settling on its own, its result handed to `late` (to release a connection
 * that arrived too late) and its failure swallowed, since nobody waits for it any more.
 */
export function withinDeadline<T>(work: Promise<T>, ms: number, expired: () => Error, late?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(expired());
    }, ms);
    work.then(
      (value) => {
        if (done) {
          late?.(value);
          return;
        }
        done = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
