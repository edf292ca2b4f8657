/**
 * The AMK's per-request loaders. One zaak answers three questions (household, children,
 * involvement), so those share one inner zaak loader: asking all three for a zaak costs one
 * HaalZakenOp. Every loader batches at most the AMK's 25 ids a call and passes the request's signal.
 */
import DataLoader from 'dataloader';
import type { AgencyLoaders, RequestScope } from '#kit/contract.ts';
import type { MappingResult } from '#kit/mapping-result.ts';
import type { ReferralRecord, ReportRecord } from '#domain/records.ts';
import { answerById, answerGrouped, type Answer } from './batch-results.ts';
import { ONBEKEND, type AmkClient } from './client.ts';
import {
  mapMelding, mapOverdracht, mapResultaat, mapZaak, type AmkMappingContext, type ZaakRecords,
} from './mapping.ts';

export interface AmkLoaderOptions {
  readonly client: AmkClient;
  readonly mapping: AmkMappingContext;
  /** Ids per call; the AMK refuses more than 25. */
  readonly maxBatchSize: number;
}

export function createAmkLoaders(options: AmkLoaderOptions, scope: RequestScope): AgencyLoaders {
  const { client, mapping, maxBatchSize } = options;
  const agency = mapping.owner.agencyId;
  const signal = scope.signal;
  const loaderOptions = { maxBatchSize };
  const toZaak = (raw: unknown): MappingResult<ZaakRecords> => mapZaak(raw, mapping);
  const toReport = (raw: unknown): MappingResult<ReportRecord> => mapMelding(raw, mapping);
  const toReferral = (raw: unknown): MappingResult<ReferralRecord> => mapOverdracht(raw, mapping);

  const zaak = new DataLoader<string, ZaakRecords | null>(async (keys) => {
    const records = await client.haalZaken(keys, signal);
    return records === ONBEKEND ? keys.map(() => null) : answerById(keys, records, 'zaakId', toZaak, agency);
  }, loaderOptions);

  /** A loader answering from the zaak loader, so the three zaak views share its batches and cache. */
  function fromZaak<T>(pick: (records: ZaakRecords | null) => T): DataLoader<string, T> {
    return new DataLoader<string, T>(async (keys) => {
      const answers = await zaak.loadMany(keys);
      return answers.map((answer) => (answer instanceof Error ? answer : pick(answer)));
    }, loaderOptions);
  }

  const report = new DataLoader<string, ReportRecord | null>(async (keys) => {
    const records = await client.haalMeldingen({ ids: keys }, signal);
    return records === ONBEKEND ? keys.map(() => null) : answerById(keys, records, 'meldingId', toReport, agency);
  }, loaderOptions);

  const referral = new DataLoader<string, ReferralRecord | null>(async (keys) => {
    const records = await client.haalOverdrachten({ ids: keys }, signal);
    return records === ONBEKEND ? keys.map(() => null) : answerById(keys, records, 'overdrachtId', toReferral, agency);
  }, loaderOptions);

  /** Records found per zaak also answer a later lookup of each by its own id. */
  function primed<T extends { readonly localId: string }>(answers: Answer<T[]>[], loader: DataLoader<string, T | null>) {
    for (const answer of answers) {
      if (!(answer instanceof Error)) for (const record of answer) loader.prime(record.localId, record);
    }
    return answers;
  }

  return {
    household: fromZaak((records) => records?.household ?? null),
    childrenByHousehold: fromZaak((records) => records?.children ?? []),
    involvementByHousehold: fromZaak((records) => records?.involvement ?? null),

    householdsByBsn: new DataLoader(async (bsns) => {
      const resultaten = await client.zoekZakenOpBsn(bsns, signal);
      const answers = answerById(bsns, resultaten, 'bsn', (raw) => mapResultaat(raw, mapping), agency);
      return answers.map((answer) => {
        if (answer === null || answer instanceof Error) return answer ?? [];
        for (const records of answer) zaak.prime(records.household.localId, records);
        return answer.map((records) => records.household);
      });
    }, loaderOptions),

    reportsByHousehold: new DataLoader(async (zaakIds) => {
      const records = await client.haalMeldingen({ zaakIds }, signal);
      if (records === ONBEKEND) return zaakIds.map(() => []);
      return primed(answerGrouped(zaakIds, records, 'zaakId', toReport, agency), report);
    }, loaderOptions),

    referralsByHousehold: new DataLoader(async (zaakIds) => {
      const records = await client.haalOverdrachten({ zaakIds }, signal);
      if (records === ONBEKEND) return zaakIds.map(() => []);
      return primed(answerGrouped(zaakIds, records, 'zaakId', toReferral, agency), referral);
    }, loaderOptions),

    report,
    referral,
  };
}
