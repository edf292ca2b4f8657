/**
 * The AMK's change feed behind the contract's householdChanges (issue 12): one page of HaalWijzigingenOp,
 * then the zaken it names read as they stand now with HaalZakenOp (at most maxBatchSize ids a call, so a
 * page of the default size costs one), each mapped as listHouseholds maps it. Changes to one zaak within a
 * page become one, in the place of its last change; a zaak last reported `verwijderd`, or that HaalZakenOp
 * no longer finds, comes back as null. The cursor is the AMK's volgnummer, as text.
 */
import { AdapterError } from '#kit/errors.ts';
import type { HouseholdChangePage } from '#kit/contract.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import { answerById, readId } from './batch-results.ts';
import { ONBEKEND, type AmkClient } from './client.ts';
import { mapZaak, type AmkMappingContext } from './mapping.ts';
import type { WijzigingSoort } from './wire-types.ts';

export interface HouseholdChangesOptions {
  readonly client: AmkClient;
  readonly mapping: AmkMappingContext;
  /** Changes asked per HaalWijzigingenOp page. */
  readonly pageSize: number;
  /** Ids per HaalZakenOp; the AMK refuses more than 25. */
  readonly maxBatchSize: number;
}

const SOORTEN: readonly WijzigingSoort[] = ['gewijzigd', 'verwijderd'];

export async function amkHouseholdChanges(options: HouseholdChangesOptions, cursor: string | null, signal: AbortSignal): Promise<HouseholdChangePage> {
  const { client, mapping, pageSize, maxBatchSize } = options;
  const agency = mapping.owner.agencyId;
  const broken = (what: string) => new AdapterError('UPSTREAM_BAD_RESPONSE', `${agency}: HaalWijzigingenOp ${what}`, { agency });
  const page = await client.haalWijzigingen(cursor, pageSize, signal);
  // Asked without a volgnummer, the AMK tells only where its feed stands: the position a full read starts from.
  if (cursor === null) return { changes: [], cursor: String(page.laatsteVolgnummer), more: false };

  // A feed that goes back, or says there is more but gives nothing, would have the caller ask forever.
  let previous = Number(cursor);
  if (page.laatsteVolgnummer < previous) throw broken('answered a laatsteVolgnummer before the one asked after');
  if (page.wijzigingen.length > pageSize) throw broken('answered more wijzigingen than asked');
  if (page.meer && page.wijzigingen.length === 0) throw broken('answered meer without wijzigingen');
  const latest = new Map<string, WijzigingSoort>();
  for (const raw of page.wijzigingen) {
    const zaakId = readId(raw, 'zaakId');
    const volgnummer = readId(raw, 'volgnummer');
    const soort = readId(raw, 'soort');
    if (zaakId === null || soort === null || !SOORTEN.includes(soort as WijzigingSoort)) throw broken('answered a wijziging without zaakId or soort');
    // Oldest first, each after the last and none past laatsteVolgnummer: otherwise the cursor would skip or repeat changes.
    if (volgnummer === null || !/^\d{1,9}$/.test(volgnummer) || Number(volgnummer) <= previous || Number(volgnummer) > page.laatsteVolgnummer) {
      throw broken('answered wijzigingen out of order');
    }
    previous = Number(volgnummer);
    latest.delete(zaakId);
    latest.set(zaakId, soort as WijzigingSoort);
  }

  const toRead = [...latest].flatMap(([zaakId, soort]) => (soort === 'gewijzigd' ? [zaakId] : []));
  const batches = Array.from({ length: Math.ceil(toRead.length / maxBatchSize) }, (_, index) => toRead.slice(index * maxBatchSize, (index + 1) * maxBatchSize));
  const found = new Map<string, HouseholdRecord>();
  await Promise.all(batches.map(async (zaakIds) => {
    const zaken = await client.haalZaken(zaakIds, signal);
    if (zaken === ONBEKEND) return; // the one zaak asked is no longer held
    const answers = answerById(zaakIds, zaken, 'zaakId', (raw) => mapZaak(raw, mapping), agency);
    answers.forEach((answer, index) => {
      // A feed has no per-key answers: dropping a zaak that fails its mapping would lose its change for good.
      if (answer instanceof Error) throw answer;
      const zaakId = zaakIds[index];
      if (answer !== null && zaakId !== undefined) found.set(zaakId, answer.household);
    });
  }));
  return {
    changes: [...latest.keys()].map((zaakId) => ({ householdLocalId: zaakId, household: found.get(zaakId) ?? null })),
    cursor: String(page.laatsteVolgnummer),
    more: page.meer,
  };
}
