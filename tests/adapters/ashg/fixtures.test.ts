import { describe, expect, it } from 'vitest';
import { WORLD_AGENCIES, createWorld } from '#mock-world/index.ts';
import { projectAshg } from '#adapters/ashg/fixtures.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import * as mapping from '#adapters/ashg/mapping.ts';
import type { AshgMappingContext } from '#adapters/ashg/mapping.ts';
import { valueOrError } from '#kit/mapping-result.ts';
import { OWNER } from './wire-samples.ts';
import { expectationsFor } from './world-expectations.ts';

const context: AshgMappingContext = { owner: OWNER, agencyCodes: WORLD_AGENCY_CODES };
// The mappings as a batch answers with them: the record, or the AdapterError for its key.
const mapDossier = (raw: unknown, on: AshgMappingContext) => valueOrError(mapping.mapDossier(raw, on), on.owner.agencyId);
const mapMelding = (raw: unknown, on: AshgMappingContext) => valueOrError(mapping.mapMelding(raw, on), on.owner.agencyId);
const mapDoorverwijzing = (raw: unknown, on: AshgMappingContext) => valueOrError(mapping.mapDoorverwijzing(raw, on), on.owner.agencyId);

describe('projectAshg', () => {
  it('writes scenario 1 in the legacy vocabulary and formats', () => {
    const { dossiers, meldingen, doorverwijzingen } = projectAshg(createWorld(), WORLD_AGENCIES.ashg);
    expect(dossiers[0]).toMatchObject({
      dossiernummer: 'D-2026-000101', gemeente: 'Groningen', fase: 'overgedragen-aan-amk', faseSinds: '02-03-2026',
      personen: [{ naam: 'Anna de Vries', geboortedatum: '12-04-1988', rol: 'ouder-met-gezag' }, {}, { rol: 'kind' }, { rol: 'kind' }],
      kinderen: [{ kindnummer: 'D-2026-000101-K1', betrokkenheid: 'getuige' }, { kindnummer: 'D-2026-000101-K2' }],
    });
    // What the ASHG never registered is left out, as its API does.
    expect(dossiers[0]?.kinderen[0]).not.toHaveProperty('school');
    expect(meldingen[0]).toMatchObject({
      meldingnummer: 'M-2026-000101', kanaal: 'telefoon', soort: 'melding', urgentie: 'hoog', geweldsvormen: ['partnergeweld'],
      veiligheidsbeoordeling: { uiterlijk: '09-03-2026', uitkomst: 'onveilig-hulp-nodig' },
    });
    expect(doorverwijzingen.slice(0, 2)).toMatchObject([
      { verwijzingsnummer: 'V-2026-000101', van: 'ASHG-GRN', naar: null, soort: 'vrijwillige-hulp', status: 'onveilig-retour' },
      { verwijzingsnummer: 'V-2026-000102', van: 'ASHG-GRN', naar: 'AMK-GRN', soort: 'overdracht-amk', status: 'geaccepteerd' },
    ]);
  });

  it('round-trips every ASHG household of a 2,000-household world through the mapping', () => {
    const world = createWorld({ households: 2000 });
    const data = projectAshg(world, WORLD_AGENCIES.ashg);
    const known = world.households.filter((household) => household.cases['ashg-groningen']);
    expect(data.dossiers).toHaveLength(known.length);
    // Walked in projection order rather than looked up by id: the generated world reuses a few
    // scenario ids (V-2026-000102, M-2026-000404), and this test is about the field mapping.
    let melding = 0;
    let verwijzing = 0;
    known.forEach((household, index) => {
      const expected = expectationsFor(household);
      expect(mapDossier(data.dossiers[index], context)).toEqual({
        household: expected.household, children: expected.children, involvement: expected.involvement,
      });
      for (const report of expected.reports) expect(mapMelding(data.meldingen[melding++], context)).toEqual(report);
      for (const referral of expected.referrals) expect(mapDoorverwijzing(data.doorverwijzingen[verwijzing++], context)).toEqual(referral);
    });
    expect([melding, verwijzing]).toEqual([data.meldingen.length, data.doorverwijzingen.length]);
  });
});
