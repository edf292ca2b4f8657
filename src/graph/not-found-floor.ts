/**
 * A lookup that finds nothing answers no sooner than the configured floor after it started
 * (KETENPOORT_NOT_FOUND_FLOOR_MS): a record that exists but is withheld, or another organisation's
 * record found and set aside, costs more upstream work than nothing at all, and the difference must
 * not tell the caller which it was.
 */
import type { GatewayContext } from './context.ts';

export async function noSoonerThanFloor(context: Pick<GatewayContext, 'services'>, startedAt: number): Promise<void> {
  const wait = context.services.notFoundFloorMs - (performance.now() - startedAt);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
