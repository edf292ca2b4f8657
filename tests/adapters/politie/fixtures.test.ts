import { describe, expect, it } from 'vitest';
import { createWorld, WORLD_AGENCIES } from '#mock-world/index.ts';
import { projectPolitie } from '../../../adapters/politie/fixtures.ts';

const world = createWorld({ households: 500 });
const fixtures = projectPolitie(world, WORLD_AGENCIES.politie);

describe('projectPolitie', () => {
  it('holds one zorgmelding per police case, numbered by the case', () => {
    const cases = world.households.flatMap((household) => household.cases[WORLD_AGENCIES.politie] ?? []);
    expect(fixtures.zorgmeldingen.map((z) => z.registratienummer)).toEqual(cases.map((c) => c.householdLocalId));
    expect(cases.length).toBeGreaterThan(50);
  });

  it('has one row per betrokkene, all with the zorgmelding\'s number', () => {
    for (const household of world.households) {
      const politieCase = household.cases[WORLD_AGENCIES.politie];
      if (!politieCase) continue;
      const z = fixtures.zorgmeldingen.find((candidate) => candidate.registratienummer === politieCase.householdLocalId)!;
      expect(z.rijen.map((row) => row.persoonssleutel)).toEqual(
        politieCase.memberBsns.map((bsn) => household.members.find((m) => m.bsn === bsn)!.politieKey));
      expect(new Set(z.rijen.map((row) => row.registratienummer))).toEqual(new Set([politieCase.householdLocalId]));
    }
  });

  it('never puts a BSN in the export: persons are known by persoonssleutel only', () => {
    const bsns = new Set(world.households.flatMap((household) => household.members.map((m) => m.bsn)));
    const cells = fixtures.zorgmeldingen.flatMap((z) => z.rijen.flatMap((row) => Object.values(row)));
    expect(cells.filter((cell) => [...bsns].some((bsn) => cell.includes(bsn)))).toEqual([]);
  });

  it('registers exactly the betrokkenen in the key register', () => {
    const keys = new Set(fixtures.zorgmeldingen.flatMap((z) => z.rijen.map((row) => row.persoonssleutel)));
    expect(new Set(fixtures.sleutels.map((pair) => pair.persoonssleutel))).toEqual(keys);
    for (const pair of fixtures.sleutels) {
      const person = world.households.flatMap((h) => h.members).find((m) => m.bsn === pair.bsn);
      expect(person?.politieKey).toBe(pair.persoonssleutel);
    }
  });
});
