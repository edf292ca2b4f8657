/**
 * A subscription over one of the store's ordered feeds (act changes, notices): what lies past the cursor
 * first, then whatever is committed next, looked for every `pollMs` (any replica's writes: the store is
 * the one order). Ends when the caller hangs up (the iterator's return).
 */
export interface PolledFeed<T> {
  /** Where a subscription without a cursor starts: the feed's last position now. */
  readonly start: () => Promise<number>;
  /** The caller's items after a position, oldest first, at most `limit`. */
  readonly after: (position: number, limit: number) => Promise<readonly T[]>;
  readonly positionOf: (item: T) => number;
  /**
   * Accounts for a batch before it is handed over (an audit entry); a batch it cannot account for is not
   * handed over: the stream ends with the error.
   */
  readonly account?: (items: readonly T[]) => Promise<void>;
}

const PAGE = 100;
const POLL_MS = 250;

export async function* polledStream<T>(feed: PolledFeed<T>, from: number | null, pollMs = POLL_MS): AsyncGenerator<T> {
  let position = from ?? await feed.start();
  for (;;) {
    const items = await feed.after(position, PAGE);
    if (items.length > 0) await feed.account?.(items);
    for (const item of items) {
      position = feed.positionOf(item);
      yield item;
    }
    if (items.length < PAGE) await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
