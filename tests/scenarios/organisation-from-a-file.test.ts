/**
 * A new organisation is data (issue 11): the wijkteam of Coevorden joins the chain by one entry in
 * covenants/organisations.yaml (and, as AVG art. 30 requires of every organisation, its processing
 * activities in the register). No code changes: the gateway starts with it, its callers are
 * authenticated, and the covenants govern it, here the regiovisie of Zuid-Drenthe, which binds every
 * wijkteam of that policy region.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestCovenants, type TestCovenants } from '../security/support/test-covenants.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const ORGANISATION = `
  - id: wijkteam-coevorden
    kind: WIJKTEAM
    name: Sociaal team Coevorden
    code: WT-COE
    regions: { regiovisie: regiovisie-zuid-drenthe, veilig-thuis: drenthe }
    validFrom: 2015-01-01
`;

const ACTIVITIES = `
  - agencyId: wijkteam-coevorden
    activities:
      - id: wijkteam-coevorden/ondersteuning-in-de-wijk
        version: 1
        name: Afstemming van ondersteuning aan huishoudens in de wijk
        controller: College van burgemeester en wethouders van de gemeente Coevorden (assumption)
        legalBasis:
          - article: AVG art. 6 lid 1 sub e
            text: Verwerking noodzakelijk voor de vervulling van een taak van algemeen belang.
        purposes: [own-records, neighbourhood-support, case-conference]
      - id: wijkteam-coevorden/verantwoording-verstrekkingen
        version: 1
        name: Verantwoording over verstrekkingen
        controller: College van burgemeester en wethouders van de gemeente Coevorden (assumption)
        legalBasis:
          - article: AVG art. 5 lid 2 en art. 24
            text: De verwerkingsverantwoordelijke is verantwoordelijk voor de naleving en kan die aantonen.
        purposes: [privacy-audit]
`;

/** drenthe-scenario-5 (Coevorden) and drenthe-s6-assen: one in the team's policy region, one outside it. */
const IN_COEVORDEN = '999004104';
const IN_ASSEN = '999006101';
const INVOLVED = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id name } phaseCategory } } } }';
type Involvements = { caseStatus: { involvements: { agency: { id: string; name: string }; phaseCategory: string | null }[] } | null }[];

let covenants: TestCovenants;
let gateway: TestGateway;
beforeAll(async () => {
  covenants = writeTestCovenants({});
  appendFileSync(join(covenants.dir, 'organisations.yaml'), ORGANISATION);
  appendFileSync(join(covenants.dir, 'processing-activities.yaml'), ACTIVITIES);
  gateway = await startTestGateway({ env: { KETENPOORT_COVENANTS_DIR: covenants.dir } });
});
afterAll(async () => {
  await gateway?.close();
  covenants?.remove();
});

describe('an organisation added by configuration alone', () => {
  it('is served: its callers are authenticated and its agency is public organisational data', async () => {
    const response = await gateway.query({ agencyId: 'wijkteam-coevorden', purpose: 'neighbourhood-support' }, '{ agencies { id kind name regions { id kind } } }');
    expect(response.status).toBe(200);
    const agency = (response.body.data?.agencies as { id: string }[]).find((candidate) => candidate.id === 'wijkteam-coevorden');
    expect(agency).toEqual({ id: 'wijkteam-coevorden', kind: 'WIJKTEAM', name: 'Sociaal team Coevorden', regions: [{ id: 'regiovisie-zuid-drenthe', kind: 'REGIOVISIE' }, { id: 'drenthe', kind: 'VEILIG_THUIS' }] });
  });

  it('is governed: the regiovisie of Zuid-Drenthe shows it Veilig Thuis\'s involvement in Coevorden, nothing in Assen, no content', async () => {
    const ask = async (bsn: string) => {
      const response = await gateway.query({ agencyId: 'wijkteam-coevorden', purpose: 'neighbourhood-support' }, INVOLVED, { bsn });
      expect(response.body.errors).toBeUndefined();
      return ((response.body.data?.householdsOfPerson ?? []) as Involvements).flatMap((household) => household.caseStatus?.involvements ?? []);
    };
    const coevorden = await ask(IN_COEVORDEN);
    expect(coevorden.map((involvement) => involvement.agency.id)).toContain('veilig-thuis-drenthe');
    expect(coevorden.every((involvement) => involvement.phaseCategory !== undefined)).toBe(true);
    expect((await ask(IN_ASSEN)).map((involvement) => involvement.agency.id)).not.toContain('veilig-thuis-drenthe');
    // The files in the repository are untouched: the organisation exists only in this test's folder.
    expect(readFileSync(new URL('../../covenants/organisations.yaml', import.meta.url), 'utf8')).not.toContain('wijkteam-coevorden');
  });

  it('is refused before its first day, like any organisation that does not exist yet', async () => {
    const before = await startTestGateway({ env: { KETENPOORT_COVENANTS_DIR: covenants.dir }, now: new Date('2014-06-01T12:00:00+02:00') });
    try {
      const response = await before.query({ agencyId: 'wijkteam-coevorden', purpose: 'neighbourhood-support' }, INVOLVED, { bsn: IN_COEVORDEN });
      expect(response.status).toBe(403);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('ORGANISATION_NOT_IN_FORCE');
    } finally {
      await before.close();
    }
  });
});
