/**
 * The condition on the children's roles (S5: whether a child is a direct victim or a witness of partner
 * violence decides which agency acts next). One row per case: it holds when the facts give one of the
 * roles it names; with roles of other organisations' records withheld (an explanation), a condition none
 * of the known roles meets is unknown, never failed, and one they meet holds whatever is withheld.
 */
import { describe, expect, test } from 'vitest';
import type { ChildRole } from '#domain/records.ts';
import { conditionOutcome, factsReadBy, type ConditionScope } from '#src/policy/conditions.ts';
import type { Condition } from '#src/policy/covenant-types.ts';
import { NO_FACTS, type PartialFacts } from '#src/policy/facts.ts';
import { parseCondition } from '#src/policy/build-covenant.ts';
import { AGENCY as A } from './fixtures.ts';

const VICTIM: Condition = { kind: 'childInvolvement', roles: ['DIRECT_VICTIM'] };
const WITNESS: Condition = { kind: 'childInvolvement', roles: ['WITNESS_OF_PARTNER_VIOLENCE'] };
const EITHER: Condition = { kind: 'childInvolvement', roles: ['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE'] };

function scope(childRoles: readonly ChildRole[], childRolesComplete?: boolean): ConditionScope {
  const facts: PartialFacts = { ...NO_FACTS, childRoles, ...(childRolesComplete === undefined ? {} : { childRolesComplete }) };
  return {
    viewer: A.giAmsterdam, owner: A.vtAmsterdam, facts, covenantMunicipalities: new Set(), viewerMunicipalities: new Set(),
    controllerOf: (agencyId) => agencyId,
  };
}

describe('childInvolvement', () => {
  test.each([
    ['a direct victim meets the victim condition', VICTIM, [['DIRECT_VICTIM']], true],
    ['a witness does not meet it', VICTIM, [['WITNESS_OF_PARTNER_VIOLENCE']], false],
    ['no child role (an adult, or no child record) meets nothing', VICTIM, [[]], false],
    ['a household with a victim and a witness meets both', VICTIM, [['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE']], true],
    ['... the witness condition too', WITNESS, [['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE']], true],
    ['either role meets a condition naming both', EITHER, [['WITNESS_OF_PARTNER_VIOLENCE']], true],
    ['roles withheld: none known meets it, so it is unknown', VICTIM, [['WITNESS_OF_PARTNER_VIOLENCE'], false], null],
    ['roles withheld: one known meets it, so it holds', VICTIM, [['DIRECT_VICTIM'], false], true],
    ['roles complete: none known fails', VICTIM, [['WITNESS_OF_PARTNER_VIOLENCE'], true], false],
  ] as const)('%s', (_name, condition, [roles, complete], expected) => {
    expect(conditionOutcome(condition, scope(roles, complete))).toBe(expected);
  });

  test('reads the childRoles fact only', () => {
    expect(factsReadBy(VICTIM)).toEqual(['childRoles']);
    expect(factsReadBy({ kind: 'anyOf', conditions: [VICTIM, { kind: 'viewerInvolved' }] })).toEqual(['childRoles', 'viewerInvolved']);
  });

  test('parses from its YAML form', () => {
    expect(parseCondition({ childInvolvement: { roles: ['WITNESS_OF_PARTNER_VIOLENCE'] } })).toEqual(WITNESS);
  });
});
