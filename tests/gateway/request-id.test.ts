/**
 * Request ids go into the trail and its LDV export as operation ids: random UUIDs, never with a group of
 * eight or nine digits, which could read as a BSN there (src/gateway/request-id.ts).
 */
import { describe, expect, it } from 'vitest';
import { requestId } from '#src/gateway/request-id.ts';

describe('requestId', () => {
  it('is a random v4 UUID, never with an all-digit first or last group', () => {
    const ids = Array.from({ length: 20_000 }, () => requestId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(id).not.toMatch(/(?:^|-)[0-9]{8,9}(?:-|$)/);
    }
    // Plain UUIDs would have had some: about one in 44 starts with eight digits, so 20,000 hold hundreds.
  });
});
