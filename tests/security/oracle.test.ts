/**
 * The oracle's notion of who exists and who controls a record (DOMAIN section 8), which it reads from
 * the registry itself: a record a dissolved organisation created is its successor's from the day after
 * the creator's last, and makes the successor involved in the household (as src/enforcement/facts.ts
 * has it), whether or not the successor holds a record of its own there.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { controllerOn, existsOn } from '#src/policy/index.ts';
import { controllerAt, dayOf, existsAt, factsOf, isMinorOn, loadPolicy } from './support/oracle.ts';

const policy = await loadPolicy();
const registry = policy.organisations;
const s8 = createWorld().households.find((household) => household.key === 'drenthe-s8')!;
/** Drenthe-s8 with the ASHG Drenthe's record only: Veilig Thuis Drenthe holds none of its own. */
const archiveOnly = { ...s8, cases: { 'ashg-drenthe': s8.cases['ashg-drenthe']! } };
const LAST_EVENING = new Date('2014-12-31T23:30:00+01:00');
/** In UTC still 2014-12-31. */
const FIRST_MORNING = new Date('2015-01-01T00:30:00+01:00');

describe('the oracle', () => {
  it('takes the Amsterdam day, not the UTC one', () => {
    expect(dayOf(FIRST_MORNING)).toBe('2015-01-01');
    expect(FIRST_MORNING.toISOString().slice(0, 10)).toBe('2014-12-31');
    expect(existsAt(registry, 'ashg-drenthe', LAST_EVENING)).toBe(true);
    expect(existsAt(registry, 'ashg-drenthe', FIRST_MORNING)).toBe(false);
    expect(existsAt(registry, 'veilig-thuis-drenthe', FIRST_MORNING)).toBe(true);
    // Of age from midnight in Amsterdam on the 18th birthday, as the gateway (tests/domain/age.test.ts).
    expect(isMinorOn('1997-01-01', LAST_EVENING)).toBe(true);
    expect(isMinorOn('1997-01-01', FIRST_MORNING)).toBe(false);
  });

  it("makes the successor the controller, and involved, from the day after the creator's last", () => {
    expect(controllerAt(registry, 'ashg-drenthe', LAST_EVENING)).toBe('ashg-drenthe');
    expect(controllerAt(registry, 'ashg-drenthe', FIRST_MORNING)).toBe('veilig-thuis-drenthe');
    const involved = (viewer: string, at: Date) => factsOf(archiveOnly, viewer, null, at, (creator) => controllerAt(registry, creator, at)).viewerInvolved;
    expect(involved('ashg-drenthe', LAST_EVENING)).toBe(true);
    expect(involved('veilig-thuis-drenthe', LAST_EVENING)).toBe(false);
    expect(involved('veilig-thuis-drenthe', FIRST_MORNING)).toBe(true);
    expect(involved('ashg-drenthe', FIRST_MORNING)).toBe(false);
  });

  it('agrees with the policy on existence and control, for every organisation on both sides of the merger', () => {
    for (const at of [new Date('2014-06-01T12:00:00+02:00'), LAST_EVENING, FIRST_MORNING, new Date('2026-11-23T10:00:00+01:00')]) {
      for (const organisation of registry.organisations) {
        expect(existsAt(registry, organisation.id, at), organisation.id).toBe(existsOn(organisation, dayOf(at)));
        expect(controllerAt(registry, organisation.id, at), organisation.id).toBe(controllerOn(registry, organisation.id, dayOf(at)));
      }
    }
  });
});
