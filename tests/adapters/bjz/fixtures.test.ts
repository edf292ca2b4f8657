import { describe, expect, it } from 'vitest';
import { WORLD_AGENCIES, WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { projectBjz } from '#adapters/bjz/fixtures.ts';
import { formatWireDate, formatWireDateTime, parseWireDate, parseWireDateTime } from '#adapters/bjz/legacy-dates.ts';
import { mapAanmelding, mapClient } from '#adapters/bjz/mapping.ts';
import { badRecord } from '#kit/mapping-result.ts';
import { createWorld } from '#mock-world/index.ts';
import {
  bjzHouseholds, expectedChildren, expectedHousehold, expectedInvolvement, expectedReferrals, withoutLocalId,
} from './expected.ts';
import { OWNER } from './test-context.ts';

describe('legacy dates', () => {
  it.each([
    ['14-05-2011', '2011-05-14'],
    ['29-02-2024', '2024-02-29'],
    ['29-02-2026', null],
    ['00-01-2026', null],
    ['1-5-2011', null],
    ['2011-05-14', null],
    ['14-05-2011 ', null],
  ])('parseWireDate(%j) = %j', (wire, iso) => {
    expect(parseWireDate(wire)).toBe(iso);
  });

  it.each([
    ['06-10-2026 09:00:00 +0200', '2026-10-06T09:00:00+02:00'],
    ['01-01-2026 00:00:00 -0530', '2026-01-01T00:00:00-05:30'],
    ['06-10-2026 24:00:00 +0200', null],
    ['06-10-2026 09:60:00 +0200', null],
    ['06-10-2026 09:00:00 +1500', null],
    ['06-10-2026 09:00:00 +02:00', null],
    ['06-10-2026T09:00:00 +0200', null],
  ])('parseWireDateTime(%j) = %j', (wire, iso) => {
    expect(parseWireDateTime(wire)).toBe(iso);
  });

  it('formats the world\'s ISO values the way BJZ writes them', () => {
    expect(formatWireDate('2011-05-14')).toBe('14-05-2011');
    expect(formatWireDateTime('2026-10-06T09:00:00+02:00')).toBe('06-10-2026 09:00:00 +0200');
    expect(formatWireDateTime('2026-10-06T07:00:00Z')).toBe('06-10-2026 07:00:00 +0000');
    expect(() => formatWireDate('14-05-2011')).toThrow();
  });
});

describe('projectBjz', () => {
  const world = createWorld({ households: 2000 });
  const fixtures = projectBjz(world, WORLD_AGENCIES.bjz);
  const entries = bjzHouseholds(world);
  const options = { owner: OWNER, agencyCodes: WORLD_AGENCY_CODES };

  it('projects only the households BJZ knows, one client per minor of the case', () => {
    expect(entries.length).toBeGreaterThan(10);
    const gezinIds = new Set(fixtures.clienten.map((client) => client.gezin.id));
    expect([...gezinIds].sort()).toEqual(entries.map((entry) => entry.bjzCase.householdLocalId).sort());
    expect(fixtures.clienten).toHaveLength(entries.reduce((sum, entry) => sum + entry.bjzCase.children.length, 0));
    expect(fixtures.aanmeldingen).toHaveLength(entries.reduce((sum, entry) => sum + entry.bjzCase.referrals.length, 0));
  });

  it('writes the legacy vocabulary, not the schema\'s', () => {
    const lisa = fixtures.clienten.find((client) => client.naam === 'Lisa Hendriks');
    expect(lisa).toMatchObject({
      geboortedatum: '14-05-2011', betrokkenheid: 'direct-slachtoffer', gemeente: 'Groningen',
      adres: { huisnummer: 301, toevoeging: null, postcode: '9727 BW' },
      traject: { fase: 'intake', startdatum: '06-10-2026' },
    });
    expect(fixtures.aanmeldingen.find((a) => a.id === 'bjz-aanmelding-5120')).toMatchObject({
      van: 'POL-NN', naar: 'BJZ-GRN', soort: 'politie-bjz', status: 'lopend', aangemaaktOp: '06-10-2026 09:00:00 +0200',
    });
  });

  it('round-trips through the mapping to exactly the world\'s values, for every BJZ household of a 2,000-household world', () => {
    for (const entry of entries) {
      const id = entry.bjzCase.householdLocalId;
      const mapped = fixtures.clienten.filter((client) => client.gezin.id === id).map((client) => {
        const result = mapClient(client, options);
        if (!result.ok) throw badRecord(result.problem, OWNER.agencyId);
        return result.value;
      });
      for (const client of mapped) {
        expect(client.household).toEqual(expectedHousehold(entry));
        expect(client.involvement).toEqual(expectedInvolvement(entry));
      }
      expect(withoutLocalId(mapped.map((client) => client.child))).toEqual(expectedChildren(entry));
      const referrals = fixtures.aanmeldingen.filter((a) => a.gezinId === id).map((aanmelding) => {
        const result = mapAanmelding(aanmelding, options);
        if (!result.ok) throw badRecord(result.problem, OWNER.agencyId);
        return result.value.referral;
      });
      expect(referrals).toEqual(expectedReferrals(entry));
    }
  });

  it('is pure: the same world projects to the same records', () => {
    expect(projectBjz(createWorld({ households: 2000 }), WORLD_AGENCIES.bjz)).toEqual(fixtures);
  });
});
