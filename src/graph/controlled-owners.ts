/**
 * The organisations whose records the caller's organisation answers for today: itself and the
 * predecessors whose records it controls (covenants/organisations.yaml; Veilig Thuis Drenthe for the
 * ASHG and AMK Drenthe since 2015). Its privacy officer sees the trail, explanations and replays about
 * those records as about its own; the entries keep the creator as owner.
 */
import { amsterdamDay, controlledBy } from '#src/policy/index.ts';
import type { GatewayContext } from './context.ts';

export function controlledOwners(context: Pick<GatewayContext, 'caller' | 'now' | 'services'>): readonly string[] {
  return controlledBy(context.services.policy.organisations, context.caller.agencyId, amsterdamDay(context.now));
}

/** Whether the caller's organisation answers for records `ownerAgencyId` created. */
export function answersFor(context: Pick<GatewayContext, 'caller' | 'now' | 'services'>, ownerAgencyId: string | null): boolean {
  return ownerAgencyId !== null && controlledOwners(context).includes(ownerAgencyId);
}
