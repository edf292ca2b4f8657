// @ts-check
// What the agreements timeline draws, computed from the agreements and organisations as the gateway
// gives them, before anything is drawn: per version the days it grants by its own terms, the tacit
// renewal after them (until superseded: src/policy/validity.ts), the supersession; per successor
// organisation, who handed it their records and tasks on which day (DOMAIN section 8).
import { nextDay } from './dates.js';

/** @import { TimelineAgreement, TimelineOrganisation } from './timeline-queries.js' */

/**
 * @typedef {object} VersionSpan
 * @property {TimelineAgreement} agreement
 * @property {string} from
 * @property {string | null} to Last day it grants by its own terms; null: open-ended.
 * @property {{ from: string, to: string | null } | null} renewal Tacit renewal after `to`; to null: until further notice.
 * @property {string} text The version in words, for its title and the table.
 *
 * @typedef {object} AgreementRow
 * @property {string} id
 * @property {string} title
 * @property {VersionSpan[]} versions Oldest first.
 * @property {{ day: string, from: string, to: string }[]} supersessions `to` takes effect on `day`, and `from` stops.
 *
 * @typedef {object} Succession
 * @property {TimelineOrganisation} successor
 * @property {TimelineOrganisation[]} predecessors
 * @property {string} day The first day the successor controls the predecessors' records.
 * @property {string} text In words.
 */

/**
 * The day before, yyyy-mm-dd.
 * @param {string} day
 */
export function previousDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * @param {string} a
 * @param {string} b
 */
const earlier = (a, b) => (a < b ? a : b);

/**
 * @param {TimelineAgreement} agreement
 * @returns {VersionSpan}
 */
export function versionSpan(agreement) {
  const stop = agreement.supersededFrom ? previousDay(agreement.supersededFrom) : null;
  const to = agreement.validTo && stop ? earlier(agreement.validTo, stop) : agreement.validTo ?? stop;
  const renews = agreement.tacitRenewal && agreement.validTo !== null && (stop === null || stop > agreement.validTo);
  const renewal = renews && agreement.validTo ? { from: nextDay(agreement.validTo), to: stop } : null;
  const period = agreement.renewalPeriodMonths ? ` by ${agreement.renewalPeriodMonths} months at a time` : '';
  const parts = [`${agreement.key}: valid ${agreement.validFrom} to ${agreement.validTo ?? 'open-ended'}`];
  if (renewal) parts.push(`renewed tacitly${period} from ${renewal.from}${renewal.to ? ` to ${renewal.to}` : ', until superseded'}`);
  else if (agreement.tacitRenewal) parts.push(`renews tacitly${period}`);
  if (agreement.supersededBy && agreement.supersededFrom) parts.push(`superseded by ${agreement.supersededBy} from ${agreement.supersededFrom}`);
  if (agreement.inForce) parts.push('in force today');
  return { agreement, from: agreement.validFrom, to, renewal, text: parts.join('; ') };
}

/**
 * Every agreement a row, by id; each version a span.
 * @param {readonly TimelineAgreement[]} agreements
 * @returns {AgreementRow[]}
 */
export function agreementRows(agreements) {
  /** @type {Map<string, TimelineAgreement[]>} */
  const byId = new Map();
  for (const agreement of agreements) byId.set(agreement.id, [...(byId.get(agreement.id) ?? []), agreement]);
  return [...byId].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, list]) => {
    const versions = [...list].sort((a, b) => a.version - b.version);
    const supersessions = versions.flatMap((a) => (a.supersededBy && a.supersededFrom ? [{ day: a.supersededFrom, from: a.key, to: a.supersededBy }] : []));
    return { id, title: versions.at(-1)?.title ?? id, versions: versions.map(versionSpan), supersessions };
  });
}

/**
 * The organisations that took over others' records and tasks, each with those it took over.
 * @param {readonly TimelineOrganisation[]} organisations
 * @returns {Succession[]}
 */
export function successions(organisations) {
  const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  /** @type {Map<string, TimelineOrganisation[]>} */
  const predecessors = new Map();
  for (const organisation of organisations) {
    if (organisation.successor) predecessors.set(organisation.successor.id, [...(predecessors.get(organisation.successor.id) ?? []), organisation]);
  }
  return [...predecessors].flatMap(([id, before]) => {
    const successor = byId.get(id);
    if (!successor) return [];
    const lastDay = before.map((p) => p.validTo ?? '').sort().at(-1);
    const day = successor.validFrom ?? (lastDay ? nextDay(lastDay) : '');
    if (!day) return [];
    const names = before.map((p) => p.name);
    const text = `On ${day} ${names.join(' and ')} handed their records and tasks to ${successor.name}`;
    return [{ successor, predecessors: before, day, text }];
  }).sort((a, b) => (a.successor.name < b.successor.name ? -1 : 1));
}

/**
 * The years the timeline spans: from the first year any version begins, to two years past the last day
 * it names or today.
 * @param {readonly AgreementRow[]} rows
 * @param {readonly Succession[]} lanes
 * @param {string} today
 */
export function yearsSpanned(rows, lanes, today) {
  const days = [today, ...rows.flatMap((row) => row.versions.flatMap((span) => [span.from, span.to ?? today])), ...lanes.map((lane) => lane.day)];
  const years = days.map((day) => Number(day.slice(0, 4)));
  return { first: Math.min(...years), last: Math.max(...years) + 2 };
}
