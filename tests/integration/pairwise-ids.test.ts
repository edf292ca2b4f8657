/**
 * Identifiers that do not link (issue 15, item 3; docs/identifiers.md): two organisations get different
 * ids for one household and person, an id (or cursor) of one organisation answers for another exactly
 * as one that never existed, ids stay stable across requests and restarts with the same secret, and
 * the one shared reference, Household.caseReference, reaches the parties of the case-conference
 * protocol only, entered in the audit trail under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const SECRETS = { KETENPOORT_ID_SECRET: 'pairwise-ids-test-secret-0123456789abcdef', KETENPOORT_PSEUDONYM_SECRET: 'pairwise-ids-test-pseudonyms-0123456789' };
const scenario1 = createWorld().households[0]!;
const ASHG = { agencyId: 'ashg-groningen', purpose: 'case-conference' };
const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const HOUSEHOLD = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id members { id bsn } caseReference } }';
type Found = { id: string; members: { id: string | null; bsn: string | null }[] | null; caseReference: string | null };

let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway({ env: { ...SECRETS, KETENPOORT_NOT_FOUND_FLOOR_MS: '0' } }); });
afterAll(async () => gateway?.close());

async function householdOf(as: { agencyId: string; purpose: string; role?: string }, target: TestGateway = gateway): Promise<Found | null> {
  const response = await target.query(as, HOUSEHOLD, { bsn: scenario1.members[0]!.bsn });
  expect(response.body.errors).toBeUndefined();
  return (response.body.data?.householdsOfPerson as Found[])[0] ?? null;
}

describe('ids are pairwise', () => {
  it('gives the ASHG and the AMK different ids for one household and one person', async () => {
    const [ashg, amk] = [await householdOf(ASHG), await householdOf(AMK)];
    expect(ashg?.id).toMatch(/^hh_/);
    expect(amk?.id).toMatch(/^hh_/);
    expect(ashg!.id).not.toBe(amk!.id);
    const bsn = scenario1.members[0]!.bsn;
    const memberOf = (found: Found | null) => found?.members?.find((member) => member.bsn === bsn)?.id;
    expect(memberOf(ashg)).toMatch(/^pm_/);
    expect(memberOf(amk)).toMatch(/^pm_/);
    expect(memberOf(ashg)).not.toBe(memberOf(amk));
  });

  it("answers another organisation's id exactly as a nonexistent one, and its own as found", async () => {
    const ashg = (await householdOf(ASHG))!;
    const amk = (await householdOf(AMK))!;
    const lookup = (as: typeof AMK, id: string) => gateway.query(as, 'query($id: ID!) { household(id: $id) { id } caseStatus(householdId: $id) { involvements { phase } } }', { id });
    const forged = `hh_${Buffer.from('y'.repeat(48)).toString('base64url')}`;
    const [foreign, missing, own] = [await lookup(AMK, ashg.id), await lookup(AMK, forged), await lookup(AMK, amk.id)];
    expect(missing.body).toEqual({ data: { household: null, caseStatus: null } });
    expect(foreign.status).toBe(missing.status);
    expect(foreign.body).toEqual(missing.body);
    expect((own.body.data?.household as { id: string }).id).toBe(amk.id);
    // And the other way round.
    expect((await lookup(ASHG, amk.id)).body).toEqual(missing.body);
  });

  it('keeps ids stable across requests and across a restart with the same secret', async () => {
    const first = await householdOf(AMK);
    expect((await householdOf(AMK))?.id).toBe(first?.id);
    const restarted = await startTestGateway({ env: SECRETS });
    try {
      const again = await householdOf(AMK, restarted);
      expect(again?.id).toBe(first?.id);
      expect(again?.members).toEqual(first?.members);
    } finally {
      await restarted.close();
    }
  });

  it("refuses another organisation's cursor as it refuses a made-up one", async () => {
    const page = (as: typeof AMK, after?: string) => gateway.query(as,
      'query($after: String) { households(municipality: "Groningen", first: 3, after: $after) { edges { cursor node { id } } pageInfo { endCursor } } }', { after });
    const ashgPage = await page(ASHG);
    const endCursor = (ashgPage.body.data?.households as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    expect(endCursor).toMatch(/^hh_/);
    expect((await page(ASHG, endCursor)).body.errors).toBeUndefined();
    const [foreign, madeUp] = [await page(AMK, endCursor), await page(AMK, 'hh_nothing')];
    expect(madeUp.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.status).toBe(madeUp.status);
    expect(foreign.body).toEqual(madeUp.body);
  });
});

describe('Household.caseReference (covenants/casusoverleg-groningen.v2.yaml, art. 2)', () => {
  it('is the same for the ASHG and the AMK at the case conference', async () => {
    const ashg = await householdOf(ASHG);
    const amk = await householdOf({ agencyId: 'amk-groningen', purpose: 'case-conference' });
    expect(ashg?.caseReference).toMatch(/^cr_/);
    expect(amk?.caseReference).toBe(ashg?.caseReference);
    expect(amk?.id).not.toBe(ashg?.id);
  });

  it('is withheld for another purpose and from agencies the protocol does not name', async () => {
    expect((await householdOf(AMK))?.caseReference).toBeNull();
    for (const as of [{ agencyId: 'wijkteam-groningen', purpose: 'neighbourhood-support' }, { agencyId: 'bjz-groningen', purpose: 'case-conference' }]) {
      const response = await gateway.query(as, HOUSEHOLD, { bsn: scenario1.members[0]!.bsn });
      for (const found of (response.body.data?.householdsOfPerson ?? []) as Found[]) expect(found.caseReference, as.agencyId).toBeNull();
    }
  });

  it('is entered in the audit trail under the protocol, by a record pseudonym no caller is ever given', async () => {
    const ashg = (await householdOf(ASHG))!;
    const response = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'privacy-audit', role: 'privacy-officer' },
      '{ auditEntries(filter: { viewerAgencyId: "ashg-groningen", ownerAgencyId: "amk-groningen", kind: ACCESS }, first: 200) { edges { node { entityType entityId fieldsReleased decisions { coordinate agreementKey } } } } }');
    expect(response.body.errors).toBeUndefined();
    type Entry = { entityType: string; entityId: string; fieldsReleased: string[]; decisions: { coordinate: string; agreementKey: string | null }[] };
    const entries = (response.body.data?.auditEntries as { edges: { node: Entry }[] }).edges.map((edge) => edge.node);
    const disclosed = entries.filter((entry) => entry.fieldsReleased.includes('Household.caseReference'));
    expect(disclosed.length).toBeGreaterThan(0);
    for (const entry of disclosed) {
      expect(entry.entityType).toBe('Household');
      // The trail keeps nothing an id key could open: a keyed pseudonym, not the ASHG's id nor any other caller's.
      expect(entry.entityId).toMatch(/^pe_[A-Za-z0-9_-]{22}$/);
      expect(entry.entityId).not.toBe(ashg.id);
      expect(entry.decisions).toContainEqual({ coordinate: 'Household.caseReference', agreementKey: 'casusoverleg-groningen@2' });
    }
  });
});
