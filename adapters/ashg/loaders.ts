/**
 * Per-request batch loaders over the ASHG's API. Household, children and involvement all come from the
 * dossier, so they share one dossier loader: a request that needs all three for a household costs one
 * upstream call, not three. Searches prime the by-id loaders with what they found.
 */
import DataLoader from 'dataloader';
import type { AgencyLoaders, RequestScope } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import type { MappingResult } from '#kit/mapping-result.ts';
import type { HouseholdRecord, ReferralRecord, ReportRecord } from '#domain/records.ts';
import { ASHG_BATCH_LIMIT } from './api-limits.ts';
import { attributeByGroup, attributeById, keyAt } from './attribute.ts';
import type { AshgClient } from './client.ts';
import { mapDoorverwijzing, mapDossier, mapMelding, type AshgMappingContext, type MappedDossier } from './mapping.ts';

export interface AshgLoaderDeps {
  readonly client: AshgClient;
  readonly mapping: AshgMappingContext;
}

export function createAshgLoaders(deps: AshgLoaderDeps, scope: RequestScope): AgencyLoaders {
  const { client, mapping } = deps;
  const { signal } = scope;
  const agencyId = mapping.owner.agencyId;
  const options = { maxBatchSize: ASHG_BATCH_LIMIT };
  const toDossier = (raw: unknown): MappingResult<MappedDossier> => mapDossier(raw, mapping);
  const toReport = (raw: unknown): MappingResult<ReportRecord> => mapMelding(raw, mapping);
  const toReferral = (raw: unknown): MappingResult<ReferralRecord> => mapDoorverwijzing(raw, mapping);
  const ofDossier = (raw: unknown): string[] | null => {
    const dossierId = keyAt(raw, 'dossiernummer');
    return dossierId === null ? null : [dossierId];
  };

  const dossiers = new DataLoader<string, MappedDossier | null>((keys) => ask(keys, null, async (ids) => {
    // A single dossier has its own URL, and a 404 there is an unambiguous "unknown".
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) {
      const raw = await client.dossier(only, signal);
      if (raw === null) return [null];
      // A dossier under its URL must be that dossier; any other answer is broken, not "unknown".
      const [answer] = attributeById(ids, [raw], 'dossiernummer', toDossier, agencyId);
      return [answer ?? mismatch(agencyId)];
    }
    return attributeById(ids, await client.dossiersByIds(ids, signal), 'dossiernummer', toDossier, agencyId);
  }), options);

  const report = new DataLoader<string, ReportRecord | null>((keys) => ask(keys, null, async (ids) =>
    attributeById(ids, await client.meldingen('ids', ids, signal), 'meldingnummer', toReport, agencyId)), options);

  const referral = new DataLoader<string, ReferralRecord | null>((keys) => ask(keys, null, async (ids) =>
    attributeById(ids, await client.doorverwijzingen('ids', ids, signal), 'verwijzingsnummer', toReferral, agencyId)), options);

  const fromDossiers = <V>(pick: (dossier: MappedDossier | null) => V) => new DataLoader<string, V>(async (keys) =>
    (await dossiers.loadMany(keys)).map((result) => (result instanceof Error ? result : pick(result))), options);

  return {
    household: fromDossiers((dossier) => dossier?.household ?? null),
    childrenByHousehold: fromDossiers((dossier) => dossier?.children ?? []),
    involvementByHousehold: fromDossiers((dossier) => dossier?.involvement ?? null),

    householdsByBsn: new DataLoader<string, readonly HouseholdRecord[]>((keys) => ask(keys, [], async (bsns) => {
      const found = attributeByGroup(bsns, await client.dossiersByBsns(bsns, signal), bsnsOf, toDossier, agencyId);
      return found.map((result) => {
        if (result instanceof Error) return result;
        for (const dossier of result) dossiers.prime(dossier.household.localId, dossier);
        return result.map((dossier) => dossier.household);
      });
    }), options),

    reportsByHousehold: new DataLoader<string, readonly ReportRecord[]>((keys) => ask(keys, [], async (ids) => {
      const found = attributeByGroup(ids, await client.meldingen('dossiers', ids, signal), ofDossier, toReport, agencyId);
      for (const result of found) if (!(result instanceof Error)) for (const record of result) report.prime(record.localId, record);
      return found;
    }), options),

    referralsByHousehold: new DataLoader<string, readonly ReferralRecord[]>((keys) => ask(keys, [], async (ids) => {
      const found = attributeByGroup(ids, await client.doorverwijzingen('dossiers', ids, signal), ofDossier, toReferral, agencyId);
      for (const result of found) if (!(result instanceof Error)) for (const record of result) referral.prime(record.localId, record);
      return found;
    }), options),

    report,
    referral,
  };
}

function mismatch(agencyId: string): AdapterError {
  return new AdapterError('UPSTREAM_BAD_RESPONSE', 'ASHG answered a dossier URL with another dossier', { agency: agencyId });
}

/**
 * Asks the upstream only for keys its comma-separated lists can carry; a key with a comma or blanks
 * around it is no ASHG identifier or BSN, so it is answered `absent` without a call.
 */
async function ask<V>(
  keys: readonly string[], absent: V, load: (askable: readonly string[]) => Promise<readonly (V | Error)[]>,
): Promise<(V | Error)[]> {
  const askable = keys.filter((key) => key !== '' && key.trim() === key && !key.includes(','));
  const answers = askable.length === 0 ? [] : await load(askable);
  const byKey = new Map(askable.map((key, index) => [key, answers[index]]));
  return keys.map((key) => {
    const answer = byKey.get(key);
    return answer === undefined ? absent : answer;
  });
}

/**
 * The BSNs registered in a raw dossier, or null when its persons cannot be read well enough to tell
 * (then the dossier might belong to any BSN asked for).
 */
function bsnsOf(raw: unknown): string[] | null {
  const personen = typeof raw === 'object' && raw !== null ? (raw as { personen?: unknown }).personen : undefined;
  if (!Array.isArray(personen)) return null;
  const bsns: string[] = [];
  for (const persoon of personen as unknown[]) {
    if (typeof persoon !== 'object' || persoon === null) return null;
    const bsn = (persoon as { bsn?: unknown }).bsn;
    if (typeof bsn === 'string') bsns.push(bsn);
    else if (bsn !== null) return null;
  }
  return bsns;
}
