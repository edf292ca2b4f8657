/**
 * The synthetic world: the first wave's households stay exactly as they were when the regional
 * households of today's chain (issue 11) are added, and those households tell the stories they claim.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWorld, isValidBsn, WORLD_AGENCIES, WORLD_ORGANISATIONS as O, type WorldHousehold } from '#mock-world/index.ts';

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Obtained once on main at aa0e9e7, before the regional households existed, with
 * `createHash('sha256').update(JSON.stringify(createWorld({ households: n }).households.slice(0, n))).digest('hex')`.
 * The benchmark and many tests name these households (scenario-1, hh-000006, ...): if a hash moves,
 * a change reached into the first wave or into the generator's random stream.
 */
const FIRST_WAVE = [
  { households: 6, sha256: '64f25eb46b6ec0e186b1da67f8c72688e7bf85376b500d5674063b2732109eea' },
  { households: 200, sha256: '76e8d3b37079deb83d62410cf56d2193ee0906515eb0bf1a7506dcee10e4ad9b' },
];

const REGIONAL_KEYS = [
  'drenthe-scenario-1', 'drenthe-scenario-2', 'drenthe-scenario-3', 'drenthe-scenario-4', 'drenthe-scenario-5', 'drenthe-scenario-6',
  'drenthe-s8', 'drenthe-s6-assen', 'drenthe-s6-emmen',
  'amsterdam-scenario-1', 'amsterdam-scenario-2', 'amsterdam-scenario-3', 'amsterdam-scenario-4', 'amsterdam-scenario-5', 'amsterdam-scenario-6',
  'amsterdam-s5-victim', 'amsterdam-s5-witness', 'amsterdam-raad-request', 'amsterdam-raad-none', 'amsterdam-s4',
];

/** The organisations of today's chain without a record system: they receive referrals, they hold no cases. */
const WITHOUT_SYSTEM = [O.amkDrenthe, O.bjzDrenthe, O.wijkteamAssen, O.wijkteamEmmen, O.ashgAmsterdam, O.amkAmsterdam, O.bjzAmsterdam, O.wijkteamAmsterdam, O.raad];

describe.each(FIRST_WAVE)('createWorld({ households: $households })', ({ households, sha256: expected }) => {
  const world = createWorld({ households });

  it('keeps the first wave exactly as it was: the same keys, the same content', () => {
    const firstWave = world.households.slice(0, households);
    const keys = [1, 2, 3, 4, 5, 6].map((n) => `scenario-${n}`);
    for (let index = 6; index < households; index++) keys.push(`hh-${String(index).padStart(6, '0')}`);
    expect(firstWave.map((household) => household.key)).toEqual(keys);
    expect(sha256(firstWave)).toBe(expected);
  });

  it('puts the regional households after them, the same ones whatever the size', () => {
    expect(world.households.slice(households).map((household) => household.key)).toEqual(REGIONAL_KEYS);
  });
});

describe('the regional households', () => {
  const world = createWorld({ households: 2000 });
  const regional = world.households.filter((household) => REGIONAL_KEYS.includes(household.key));
  const byKey = (key: string): WorldHousehold => regional.find((household) => household.key === key)!;
  const dates = (household: WorldHousehold, agency: string): string[] => {
    const held = household.cases[agency]!;
    return [held.since, ...held.reports.map((r) => r.receivedAt), ...held.referrals.flatMap((r) => [r.createdAt, r.updatedAt])];
  };

  it('give every person a valid BSN no other household uses', () => {
    const bsns = world.households.flatMap((household) => household.members.map((member) => member.bsn));
    expect(bsns.filter((bsn) => !isValidBsn(bsn))).toEqual([]);
    expect(new Set(bsns).size).toBe(bsns.length);
  });

  it('createWorld refuses a size whose generated BSNs would reach theirs', () => {
    expect(() => createWorld({ households: 123_626 })).toThrow(RangeError);
  });

  it('file cases only with organisations that have a record system, never with the first wave\'s Groningen agencies but the police', () => {
    for (const household of regional) {
      const agencies = Object.keys(household.cases);
      expect(agencies.filter((agency) => WITHOUT_SYSTEM.includes(agency as never))).toEqual([]);
      expect(agencies.filter((agency) => [WORLD_AGENCIES.ashg, WORLD_AGENCIES.amk, WORLD_AGENCIES.bjz].includes(agency as never))).toEqual([]);
    }
  });

  it('are of the Veilig Thuis era: police zorgmeldingen go to Veilig Thuis, only the ASHG Drenthe\'s archive predates 2015', () => {
    for (const household of regional) {
      for (const [agency, held] of Object.entries(household.cases)) {
        const onOrAfter2015 = dates(household, agency).every((date) => date >= '2015-01-01');
        expect(onOrAfter2015, `${household.key} ${agency}`).toBe(agency !== O.ashgDrenthe);
        if (agency === WORLD_AGENCIES.politie || agency === O.politieAmsterdam) {
          expect(held.referrals.map((r) => r.kind), household.key).toEqual(['POLICE_TO_VEILIG_THUIS']);
        }
        expect(held.referrals.map((r) => r.kind)).not.toContain('POLICE_TO_BJZ');
      }
    }
  });

  it('S8: the ASHG Drenthe\'s 2013 record handed to the AMK Drenthe, then a Veilig Thuis Drenthe case since 2019 (Emmen)', () => {
    const household = byKey('drenthe-s8');
    expect(household.municipality).toBe('Emmen');
    const archive = household.cases[O.ashgDrenthe]!;
    expect(archive.reports[0]!.receivedAt.slice(0, 4)).toBe('2013');
    expect(archive.referrals.find((r) => r.kind === 'HANDOVER_ASHG_TO_AMK')).toMatchObject({ toAgencyId: O.amkDrenthe, status: 'ACCEPTED' });
    expect(dates(household, O.ashgDrenthe).every((date) => date < '2015-01-01')).toBe(true);
    expect(dates(household, O.vtDrenthe).every((date) => date >= '2019-01-01')).toBe(true);
  });

  it.each([
    ['amsterdam-s5-victim', 'DIRECT_VICTIM'],
    ['amsterdam-s5-witness', 'WITNESS_OF_PARTNER_VIOLENCE'],
  ] as const)('S5: %s has children who are %s only, and every record says so', (key, role) => {
    const household = byKey(key);
    const children = household.members.filter((member) => member.role === 'CHILD').map((member) => member.bsn);
    expect(children.length).toBeGreaterThan(0);
    expect(household.cases[O.politieAmsterdam]!.referrals[0]).toMatchObject({ toAgencyId: O.vtAmsterdam, kind: 'POLICE_TO_VEILIG_THUIS' });
    expect(household.cases[O.vtAmsterdam]).toBeDefined();
    for (const held of Object.values(household.cases)) {
      expect(held.children.map((c) => [c.bsn, c.role])).toEqual(children.map((bsn) => [bsn, role]));
      for (const r of held.reports) expect(r.childInvolvement).toEqual(children.map((bsn) => ({ bsn, role })));
    }
  });

  it('S6: a Veilig Thuis Drenthe case in Assen and one in Emmen', () => {
    expect(byKey('drenthe-s6-assen').municipality).toBe('Assen');
    expect(byKey('drenthe-s6-emmen').municipality).toBe('Emmen');
    for (const key of ['drenthe-s6-assen', 'drenthe-s6-emmen']) expect(byKey(key).cases[O.vtDrenthe]).toBeDefined();
  });

  it('Raad: one Amsterdam household with an accepted request to the Raad, one without', () => {
    const requested = byKey('amsterdam-raad-request').cases[O.vtAmsterdam]!;
    expect(requested.phase).toBe('REQUEST_TO_RAAD');
    expect(requested.referrals).toEqual([expect.objectContaining({ kind: 'REQUEST_TO_RAAD', toAgencyId: O.raad, status: 'ACCEPTED' })]);
    const none = byKey('amsterdam-raad-none');
    expect(none.municipality).toBe('Amsterdam');
    expect(Object.values(none.cases).flatMap((held) => held.referrals).filter((r) => r.toAgencyId === O.raad || r.kind === 'REQUEST_TO_RAAD')).toEqual([]);
  });

  it('S4: the police unit Amsterdam, Veilig Thuis and the certified institution are all involved in one Amsterdam household', () => {
    const household = byKey('amsterdam-s4');
    expect(household.municipality).toBe('Amsterdam');
    expect(Object.keys(household.cases).sort()).toEqual([O.giAmsterdam, O.politieAmsterdam, O.vtAmsterdam].sort());
  });

  it('replay DOMAIN scenarios 1 to 6 once per region; issue 11\'s own carry no scenario number but a story', () => {
    for (const region of ['drenthe', 'amsterdam']) {
      expect(regional.filter((h) => h.key.startsWith(`${region}-scenario-`)).map((h) => h.scenario)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    expect(regional.filter((h) => !h.key.includes('-scenario-')).map((h) => h.scenario)).toEqual(Array(8).fill(null));
    expect(regional.every((h) => typeof h.story === 'string' && h.story.length > 0)).toBe(true);
    expect(world.households.slice(0, 2000).some((h) => 'story' in h)).toBe(false);
  });
});
