/**
 * Household.caseReference: the one id two organisations may share, and only where a covenant grants it
 * (covenants/casusoverleg-groningen.v2.yaml, art. 2). Every other id is pairwise (docs/identifiers.md).
 *
 * The value is a pseudonym of the household keyed by the granting covenant's id, so it is the same for
 * every party that covenant names and changes with nothing but the household. It is released only by a
 * GRANT on another organisation's record: the viewer's own record (OWNER) carries no covenant, so it
 * cannot say which reference to give, and a household the viewer alone holds has no case to share. The
 * releasing record and its decision go into the audit trail like any other released field.
 */
import type { GatewayContext } from '#src/graph/context.ts';
import { GUARDS, inPrecedence, type Guard } from '#src/enforcement/sources.ts';
import type { HouseholdNode } from '#src/households/nodes.ts';

const COORDINATE = 'Household.caseReference';

export async function caseReferenceOf(context: GatewayContext, household: HouseholdNode): Promise<string | null> {
  const guard = GUARDS.Household as Guard<HouseholdNode>;
  const controls = (agencyId: string) => context.enforcement.controls(agencyId);
  const others = inPrecedence(guard.sources(household, COORDINATE), controls).filter((source) => !controls(source.owner.agencyId));
  for (const source of others) {
    const decided = await context.enforcement.decide(source, COORDINATE);
    if (decided.effect === 'allow' && decided.reason === 'GRANT') {
      context.enforcement.audit.released(source, COORDINATE);
      return context.services.ids.caseReference(decided.agreement.id, household.anchor);
    }
  }
  return null;
}
