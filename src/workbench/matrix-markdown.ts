/**
 * The access matrix as Markdown, for a privacy officer's report or a pull request: one table per
 * viewer/owner pair that shares anything, fields grouped by the grants that release them.
 */
import type { AgencyKind } from '#domain/records.ts';
import type { Covenant } from '#src/policy/index.ts';
import type { AccessMatrix, MatrixGrant } from './matrix.ts';
import {
  actCitation, actPartiesWords, actWords, citation, columnLabel, compactPublic, conditionWords, filterWords, organisationLines, partyWords, rowGroups, travelWords,
} from './matrix-words.ts';

export function matrixToMarkdown(matrix: AccessMatrix): string {
  const { shared, ownerOnly, unshared } = rowGroups(matrix);
  const out: string[] = [
    `# Access matrix ${filterWords(matrix)}`,
    '',
    'Generated from the compiled policy the gateway enforces. Deny by default: a viewer/owner pair without a table',
    'below sees nothing of the other\'s records. An agency always sees its own records in full (DOMAIN rule 10).',
    'A field is released under the first grant listed whose conditions all hold, for a purpose it lists.',
  ];
  for (const { viewerKind, ownerKind } of matrix.columns) {
    out.push('', `## ${columnLabel(viewerKind, ownerKind)}`, '', '| Fields | Allowed under | Purposes | Regions | Parties | Only when |', '| --- | --- | --- | --- | --- | --- |');
    for (const group of groupByGrants(matrix, viewerKind, ownerKind)) {
      for (const grant of group.grants) {
        out.push(`| ${cell(group.coordinates.join(', '))} | ${cell(citation(grant))} | ${cell(grant.purposes.join(', '))} | ${cell(grant.regions.join(', '))} | ${cell(`${partyWords(grant, viewerKind)} reads ${partyWords(grant, ownerKind)}`)} | ${cell(conditionWords(grant))} |`);
      }
    }
  }
  out.push(...actsSection(matrix));
  out.push('', '## Owner-only (never leaves the owning agency, DOMAIN rule 7)', '', list(ownerOnly.map((row) => row.coordinate)));
  out.push('', '## Not shared with any other agency under these filters', '', list(unshared.map((row) => row.coordinate)));
  out.push('', '## Public to every authenticated caller', '', list(compactPublic(matrix)));
  if (matrix.organisations.length > 0) {
    const { existing, succeeded } = organisationLines(matrix);
    out.push('', `## Organisations on ${matrix.day}`, '', 'Only these read anything; a record is decided on with the organisation that controls it that day.', '');
    out.push(...(existing.length === 0 ? ['None.'] : existing.map((line) => `- ${line}`)));
    out.push('', `## Successions in effect on ${matrix.day}`, '');
    out.push(...(succeeded.length === 0 ? ['None.'] : succeeded.map((line) => `- ${line}`)));
  }
  out.push('', '## Agreements cited', '');
  if (matrix.agreements.length === 0) out.push('None.');
  for (const covenant of matrix.agreements) out.push(...agreementSection(covenant));
  if (shared.length === 0) out.push('', `No field of any agency's records is shared with another agency ${filterWords(matrix)}.`);
  return `${out.join('\n')}\n`;
}

/** The fields of one column, grouped by the list of grants that release them (same grants, one line). */
export function groupByGrants(matrix: AccessMatrix, viewerKind: AgencyKind, ownerKind: AgencyKind): { coordinates: string[]; grants: readonly MatrixGrant[] }[] {
  const groups = new Map<string, { coordinates: string[]; grants: readonly MatrixGrant[] }>();
  for (const row of matrix.rows) {
    const found = row.cells.find((candidate) => candidate.viewerKind === viewerKind && candidate.ownerKind === ownerKind);
    if (!found) continue;
    const key = found.grants.map((grant) => grant.id).join(' ');
    const group = groups.get(key) ?? { coordinates: [], grants: found.grants };
    group.coordinates.push(row.coordinate);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** One line per act, sender, receiver, referral kind and purpose, and per grant that may allow it. */
function actsSection(matrix: AccessMatrix): string[] {
  const out = [
    '', '## Acts', '',
    'Which organisation may hand over, refer, answer or give feedback to which, and which fields travel into the receiver\'s',
    'system. Deny by default: an act not listed is refused. With several grants, what travels is the union of those whose',
    'conditions all hold.',
    '',
  ];
  if (matrix.acts.length === 0) return [...out, `No act between organisations ${filterWords(matrix)}.`];
  out.push('| Act | Sender -> receiver | Purpose | Fields that travel | Allowed under | Only when |', '| --- | --- | --- | --- | --- | --- |');
  for (const act of matrix.acts) {
    for (const grant of act.grants) {
      out.push(`| ${cell(actWords(act))} | ${cell(actPartiesWords(act))} | ${cell(act.purpose)} | ${cell(travelWords(grant.coordinates))} | ${cell(`${actCitation(grant)} (${grant.ruleId})`)} | ${cell(conditionWords(grant))} |`);
    }
  }
  return out;
}

function agreementSection(covenant: Covenant): string[] {
  const validity = `${covenant.validFrom}..${covenant.validTo ?? ''}${covenant.tacitRenewal ? ', renewed tacitly' : ''}${covenant.supersededFrom ? `, superseded by ${covenant.supersededBy ?? '?'} from ${covenant.supersededFrom}` : ''}`;
  const lines = [`### ${covenant.key}: ${covenant.title}`, '', `Valid ${validity}. Worked examples (the test suite runs every one):`, ''];
  if (covenant.examples.length === 0) lines.push('- none');
  for (const example of covenant.examples) {
    lines.push(`- **${example.expected}** ${example.name} (${example.viewer.agencyId} reads ${example.coordinate} of ${example.owner.agencyId} for ${example.purpose} on ${example.date})`);
  }
  lines.push('');
  return lines;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? 'None.' : items.map((item) => `\`${item}\``).join(', ');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
