/**
 * What the regional bypass suite holds each route's answer to, from the oracle: a record the viewer may
 * not see answers exactly as a nonexistent one by any id, and leaves no redaction behind; filters and
 * orders on reports tell nothing withheld (bypass-filters.test.ts, there for Groningen's scenarios).
 */
import { expect } from 'vitest';
import { GATEWAY_ERROR_CODES } from '#domain/errors.ts';
import type { WorldHousehold, WorldReport } from '#mock-world/index.ts';
import type { GraphQLResponse } from '../../support/test-gateway.ts';
import type { Bypass } from './bypass-fixtures.ts';
import { visible, type HouseholdRecords, type RecordLookup } from './household-records.ts';
import { FILTERED_VIOLENCE, RECEIVED_AFTER, REPORT_ORDERS } from './route-documents.ts';

const KNOWN_CODES = new Set<string>(GATEWAY_ERROR_CODES);

/** Every error has a code of the closed list. */
export function expectKnownErrors(response: GraphQLResponse): void {
  for (const error of response.body.errors ?? []) expect(KNOWN_CODES.has(String(error.extensions?.code)), error.message).toBe(true);
}

/** A record the viewer may not see answers exactly as a nonexistent one, by any id; one it may see does answer. */
export function checkLookups(bypass: Bypass, household: WorldHousehold, lookups: readonly RecordLookup[], response: GraphQLResponse, agencyId: string, purpose: string): number {
  const data = response.body.data ?? {};
  const redacted = new Set((response.body.extensions?.redactions ?? []).map((redaction) => String(redaction.path[0])));
  const shows = (lookup: RecordLookup, coordinate = lookup.coordinate) => visible(bypass, household, lookup.creators, coordinate, agencyId, purpose, lookup.subjectBirthDate);
  let hidden = 0;
  for (const lookup of lookups) {
    const at = (variant: string) => `${lookup.name}_${variant}`;
    if (!(at('real') in data)) continue;
    expect(data[at('missing')], at('missing')).toBeNull();
    // Another organisation's id of the record, or a forged one, opens to nothing (docs/identifiers.md).
    for (const variant of ['forged', 'missing', ...lookup.foreign]) {
      expect(data[at(variant)], at(variant)).toBeNull();
      expect(redacted.has(at(variant)), `a redaction under ${at(variant)}`).toBe(false);
    }
    // A case status shows with its household.
    const visibleRecord = shows(lookup) || (lookup.kind === 'caseStatus' && shows(lookup, 'Household.id'));
    if (!visibleRecord) {
      hidden++;
      expect(data[at('real')], `${at('real')}: the oracle withholds ${lookup.coordinate}`).toBeNull();
      expect(redacted.has(at('real')), `a redaction under ${at('real')}`).toBe(false);
    } else if (['household', 'report', 'referral'].includes(lookup.kind)) {
      expect(data[at('real')], `${at('real')}: the oracle releases ${lookup.coordinate}`).not.toBeNull();
    }
  }
  return hidden;
}

const URGENCY_RANK: Record<string, number> = { ACUTE: 0, HIGH: 1, NORMAL: 2, LOW: 3 };

/**
 * Filters and orders tell nothing withheld: a report is listed where its id is released, matches a
 * filter only where the filtered field is released to the viewer and its truth matches, and sorts after
 * every report whose ordering field is released (bypass-filters.test.ts, over the oracle).
 */
export function checkFilters(bypass: Bypass, household: WorldHousehold, found: HouseholdRecords, response: GraphQLResponse, agencyId: string, purpose: string): number {
  const [node] = (response.body.data?.householdsOfPerson ?? []) as Record<string, { id: string }[] | null>[];
  if (!node) return 0;
  const ids = bypass.gateway.test.gateway.services.ids.of(agencyId);
  const reportOf = (id: string) => {
    const report = found.reports.find((candidate) => candidate.recordId === ids.take('report', id));
    if (!report) throw new Error(`${id} is none of ${household.key}'s reports`);
    return report;
  };
  const may = (report: HouseholdRecords['reports'][number], coordinate: string) =>
    bypass.oracle.holderAllows({ agencyId: report.creator, coordinate, household, subjectBirthDate: null }, agencyId, purpose, bypass.gateway.now);
  const listed = (node.all ?? []).map((report) => reportOf(report.id));
  expect(new Set(listed), 'the reports listed').toEqual(new Set(found.reports.filter((report) => may(report, 'Report.id'))));
  const matching = (alias: string, coordinate: string, truth: (report: WorldReport) => boolean) => {
    const matched = node[alias];
    // Null: refused (FILTER_NOT_PERMITTED), the viewer can never read the field.
    if (matched === null || matched === undefined) return;
    expect(new Set(matched.map((report) => reportOf(report.id))), alias).toEqual(new Set(listed.filter((report) => may(report, coordinate) && truth(report.truth))));
  };
  for (const violence of FILTERED_VIOLENCE) matching(`v_${violence}`, 'Report.violenceTypes', (truth) => truth.violenceTypes.includes(violence));
  RECEIVED_AFTER.forEach((after, index) => matching(`after${index}`, 'Report.receivedAt', (truth) => Date.parse(truth.receivedAt) > Date.parse(after)));
  for (const order of REPORT_ORDERS) {
    const ordered = node[`o_${order}`];
    if (ordered === null || ordered === undefined) continue;
    const sorted = ordered.map((report) => reportOf(report.id));
    expect(new Set(sorted), order).toEqual(new Set(listed));
    const coordinate = order === 'URGENCY_DESC' ? 'Report.urgency' : 'Report.receivedAt';
    const readable = sorted.filter((report) => may(report, coordinate));
    expect(sorted.slice(0, readable.length), `${order}: the reports whose ${coordinate} is withheld come last`).toEqual(readable);
    const key = (report: WorldReport) => (order === 'URGENCY_DESC' ? URGENCY_RANK[report.urgency]! : Date.parse(report.receivedAt) * (order === 'RECEIVED_AT_DESC' ? -1 : 1));
    expect(readable.map((report) => key(report.truth)), order).toEqual(readable.map((report) => key(report.truth)).sort((a, b) => a - b));
  }
  return found.reports.length;
}
