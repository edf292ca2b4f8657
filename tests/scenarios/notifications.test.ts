/**
 * Told, not polled, beyond the acts (issue 13, docs/notifications.md): an owner is told when another
 * organisation was shown its records (RECORD_ACCESSED, the CP-IS idea), with its own ids of them; the
 * agencies working on a household are told when another becomes involved (AGENCY_INVOLVED), each only
 * where a covenant lets it see that involvement. Every notice is accounted in the trail (kind
 * NOTIFICATION), can be fetched again from a cursor, and streams over server-sent events.
 */
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const world = createWorld();
const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const POLICE = { agencyId: 'politie-noord-nederland', purpose: 'early-intervention' };
const BJZ = { agencyId: 'bjz-groningen', purpose: 'early-intervention' };
const WIJKTEAM = { agencyId: 'wijkteam-groningen', purpose: 'neighbourhood-support' };
const ASHG_OFFICER = { agencyId: 'ashg-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };

const NOTICES = `query($after: ID) { notifications(after: $after, first: 100) {
  cursor id kind at agency { id } purpose basis records { type id } fields household referralKind } }`;
const HOUSEHOLDS = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id reports { id owner { id } } } }';
const READ = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id reports { id narrative owner { id } } } }';
const REFER = 'mutation($input: ReferZorgmeldingInput!) { referZorgmelding(input: $input) { id status } }';
const HAND_OVER = 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id status } }';

type Caller = { agencyId: string; purpose: string; role?: string };
interface Notice {
  cursor: string; id: string; kind: string; at: string; agency: { id: string } | null; purpose: string | null; basis: string[];
  records: { type: string; id: string }[]; fields: string[]; household: string | null; referralKind: string | null;
}

let gateway: TestGateway;
let url: string;
const clients: Client[] = [];
beforeAll(async () => {
  gateway = await startTestGateway({ actDelivery: { baseBackoffMs: 20, pollMs: 50 } });
  await gateway.gateway.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(gateway.gateway.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const client of clients) client.dispose();
  await gateway?.close();
});

async function notices(as: Caller, after?: string): Promise<Notice[]> {
  const response = await gateway.query(as, NOTICES, { after: after ?? null });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return (response.body.data as { notifications: Notice[] }).notifications;
}

/** The households of a scenario as the caller sees them: its ids of the household and of the reports. */
async function seen(as: Caller, scenario: number): Promise<{ id: string; reports: { id: string; owner: { id: string } | null }[] }[]> {
  const response = await gateway.query(as, HOUSEHOLDS, { bsn: world.households[scenario - 1]!.members[0]!.bsn });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data?.householdsOfPerson as { id: string; reports: { id: string; owner: { id: string } | null }[] }[];
}

const key = (() => {
  let n = 0;
  return () => `notify-${process.pid}-${++n}`;
})();

describe('RECORD_ACCESSED: the owner is told who read its records', () => {
  it('the ASHG is told the AMK read its report on scenario 1, by the ASHG\'s own id of it, with purpose, basis and fields', async () => {
    const before = (await notices(ASHG)).at(-1)?.cursor;
    const read = await gateway.query(AMK, READ, { bsn: world.households[0]!.members[0]!.bsn });
    expect(read.body.errors).toBeUndefined();
    const told = (await notices(ASHG, before)).filter((notice) => notice.kind === 'RECORD_ACCESSED' && notice.agency?.id === AMK.agencyId);
    expect(told).toHaveLength(1);
    const [notice] = told;
    expect(notice!.purpose).toBe(AMK.purpose);
    expect(notice!.basis.length).toBeGreaterThan(0);
    for (const basis of notice!.basis) expect(basis).toMatch(/^[a-z0-9-]+@\d+#.+/);
    expect(notice!.fields).toContain('Report.narrative');
    // The ids are the ASHG's own: the report the ASHG sees as its own is among them; the AMK's ids are not.
    const ashgReports = (await seen(ASHG, 1)).flatMap((household) => household.reports).filter((report) => report.owner?.id === ASHG.agencyId);
    const amkReports = (await seen(AMK, 1)).flatMap((household) => household.reports);
    const told_ids = notice!.records.filter((record) => record.type === 'Report').map((record) => record.id);
    expect(told_ids).toEqual(expect.arrayContaining(ashgReports.map((report) => report.id)));
    for (const report of amkReports) expect(told_ids).not.toContain(report.id);
  });

  it('nobody is told of an organisation reading its own records, and a reader is not told of its own read', async () => {
    const ashgBefore = (await notices(ASHG)).at(-1)?.cursor;
    await gateway.query(ASHG, READ, { bsn: world.households[3]!.members[0]!.bsn });
    expect(await notices(ASHG, ashgBefore)).toEqual([]);
  });

  it('the notice is in the trail: an entry of kind NOTIFICATION with the ASHG as its viewer, seen by the ASHG\'s privacy officer', async () => {
    const told = (await notices(ASHG)).filter((notice) => notice.kind === 'RECORD_ACCESSED');
    expect(told.length).toBeGreaterThan(0);
    const response = await gateway.query(ASHG_OFFICER, `query { auditEntries(filter: { kind: NOTIFICATION }, first: 100) {
      edges { node { kind viewer { agencyId role } searchTerms { name value } fieldsReleased decisions { effect reason } } } } }`);
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    type Entry = { viewer: { agencyId: string; role: string }; searchTerms: { name: string; value: string }[]; fieldsReleased: string[]; decisions: { effect: string; reason: string }[] };
    const entries = (response.body.data as { auditEntries: { edges: { node: Entry }[] } }).auditEntries.edges.map((edge) => edge.node);
    for (const notice of told) {
      const entry = entries.find((candidate) => candidate.searchTerms.some((term) => term.name === 'notice' && term.value === notice.id));
      expect(entry, `entry of ${notice.id}`).toBeDefined();
      expect(entry!.viewer).toEqual({ agencyId: ASHG.agencyId, role: 'notification' });
      expect(entry!.decisions).toEqual([{ effect: 'ALLOW', reason: 'OWNER' }]);
      expect(entry!.fieldsReleased).toContain('Notification.records');
    }
  });
});

describe('AGENCY_INVOLVED: the agencies on a household are told of a new one, where a covenant lets them see it', () => {
  it('the police refer scenario 2 to Bureau Jeugdzorg: the ASHG (the case conference\'s chair) is told, by its own id of the household', async () => {
    const cursors = new Map<string, string | undefined>();
    for (const as of [ASHG, AMK, POLICE, BJZ]) cursors.set(as.agencyId, (await notices(as)).at(-1)?.cursor);
    const police = await seen(POLICE, 2);
    const reportId = police.flatMap((household) => household.reports).find((report) => report.owner?.id === POLICE.agencyId)!.id;
    const referral = await gateway.query(POLICE, REFER, { input: { idempotencyKey: key(), reportId, to: 'bjz-groningen', referralKind: 'POLICE_TO_BJZ' } });
    expect(referral.body.errors, JSON.stringify(referral.body.errors)).toBeUndefined();

    const involved = async (as: Caller) => (await notices(as, cursors.get(as.agencyId))).filter((notice) => notice.kind === 'AGENCY_INVOLVED');
    const ashg = await involved(ASHG);
    expect(ashg).toHaveLength(1);
    expect(ashg[0]).toMatchObject({ agency: { id: 'bjz-groningen' }, referralKind: 'POLICE_TO_BJZ', basis: ['casusoverleg-groningen@2#art. 3'], records: [], fields: [] });
    expect((await seen(ASHG, 2)).map((household) => household.id)).toContain(ashg[0]!.household);
    // Neither party of the act (told by act events), nor an organisation with no record of the household.
    expect(await involved(POLICE)).toEqual([]);
    expect(await involved(BJZ)).toEqual([]);
    // An organisation without records is never told: its schema has no notifications at all.
    const wijkteam = await gateway.query(WIJKTEAM, NOTICES, {});
    expect(wijkteam.body.errors?.[0]?.message).toMatch(/^Cannot query field "notifications" on type "Query"\.$/);
    // The AMK holds a record of the household too, but no Groningen covenant lets it see Bureau Jeugdzorg's
    // involvement (only the chair's art. 3 does, for the ASHG): told nothing, as a read would show it nothing.
    expect(await involved(AMK)).toEqual([]);
  });

  it('a handover with no other agency on the household tells nobody of an involvement', async () => {
    const before = new Map<string, string | undefined>();
    for (const as of [ASHG, AMK, POLICE, BJZ]) before.set(as.agencyId, (await notices(as)).at(-1)?.cursor);
    const reportId = (await seen(ASHG, 1)).flatMap((household) => household.reports).find((report) => report.owner?.id === ASHG.agencyId)!.id;
    const handover = await gateway.query(ASHG, HAND_OVER, { input: { idempotencyKey: key(), reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    expect(handover.body.errors, JSON.stringify(handover.body.errors)).toBeUndefined();
    for (const as of [ASHG, AMK, POLICE, BJZ]) {
      expect((await notices(as, before.get(as.agencyId))).filter((notice) => notice.kind === 'AGENCY_INVOLVED')).toEqual([]);
    }
  });
});

describe('told, and accounted each time', () => {
  it('a caller who reads its notices has an entry for exactly what it was told, before it is told', async () => {
    const told = await notices(ASHG);
    expect(told.length).toBeGreaterThan(0);
    const entries = await gateway.gateway.services.audit.query({ viewerAgencyId: ASHG.agencyId }, { first: 500 });
    const accounting = entries.entries.filter((entry) => entry.kind === 'notification' && entry.searchTerms?.told === 'notifications');
    expect(accounting.map((entry) => entry.searchTerms?.cursors)).toContain(told.map((notice) => notice.cursor).join(' '));
    const last = accounting.at(-1)!;
    expect(last.viewer).toMatchObject({ agencyId: ASHG.agencyId, role: 'caseworker' });
    expect(last.fieldsReleased).toContain('Notification.records');
  });
});

describe('fetched again and streamed', () => {
  it('a cursor continues exactly after its notice; a bad cursor is BAD_USER_INPUT', async () => {
    const all = await notices(ASHG);
    expect(all.length).toBeGreaterThan(1);
    expect(await notices(ASHG, all[0]!.cursor)).toEqual(all.slice(1));
    const bad = await gateway.query(ASHG, NOTICES, { after: 'ev_1' });
    expect((bad.body.errors?.[0] as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a subscriber over server-sent events is told of a read as it commits, and from a cursor of what it missed', async () => {
    const token = await gateway.token({ agencyId: ASHG.agencyId, purposes: [ASHG.purpose] });
    const missed = (await notices(ASHG)).at(-2)!;
    const client = createClient({ url: `${url}/graphql/stream`, headers: { authorization: `Bearer ${token}`, 'x-purpose': ASHG.purpose }, retryAttempts: 0 });
    clients.push(client);
    const seenNotices: Notice[] = [];
    const errors: unknown[] = [];
    client.subscribe<{ notifications: Notice }>({ query: `subscription($after: ID) { notifications(after: $after) { cursor id kind agency { id } } }`, variables: { after: missed.cursor } }, {
      next: (value) => { if (value.data) seenNotices.push(value.data.notifications); if (value.errors) errors.push(...value.errors); },
      error: (error) => errors.push(error),
      complete: () => undefined,
    });
    const deadline = Date.now() + 10_000;
    while (seenNotices.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(seenNotices[0]?.cursor).not.toBe(missed.cursor);
    await gateway.query(AMK, READ, { bsn: world.households[0]!.members[0]!.bsn });
    while (!seenNotices.some((notice) => notice.agency?.id === AMK.agencyId && notice.kind === 'RECORD_ACCESSED' && notice.cursor !== seenNotices[0]!.cursor) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(errors).toEqual([]);
    const cursors = seenNotices.map((notice) => Number(notice.cursor.slice(3)));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(seenNotices.at(-1)).toMatchObject({ kind: 'RECORD_ACCESSED', agency: { id: AMK.agencyId } });
  });
});
