/** The covenant diff in words, for a terminal (`text`) or a pull request (`md`). */
import type { AccessBasis, AccessChange, ActGrantBasis, ActGrantChange, PolicyDiff } from './diff.ts';

export interface DiffHeader {
  readonly before: string;
  readonly after: string;
  /** Agreement versions loaded on one side only. */
  readonly onlyBefore?: readonly string[];
  readonly onlyAfter?: readonly string[];
}

const TITLE = { GAINED: 'GAINED', LOST: 'LOST', BASIS_CHANGED: 'NEW BASIS' } as const;

export function diffToText(diff: PolicyDiff, header: DiffHeader, format: 'text' | 'md' = 'text'): string {
  const md = format === 'md';
  const out: string[] = [md ? `## Access diff: \`${header.before}\` -> \`${header.after}\`` : `Access diff: ${header.before} -> ${header.after}`, ''];
  if (header.onlyAfter?.length) out.push(`Agreement versions only in ${header.after}: ${header.onlyAfter.join(', ')}`);
  if (header.onlyBefore?.length) out.push(`Agreement versions only in ${header.before}: ${header.onlyBefore.join(', ')}`);
  out.push(`Decided ${diff.situationsChecked} situations on both sides${diff.days.length > 0 ? `, on ${diff.days.length} days where anything changes` : ''}.`, '');
  if (diff.changes.length === 0) out.push('No change in who may see what.');
  const counts = (['GAINED', 'LOST', 'BASIS_CHANGED'] as const).map((kind) => `${diff.changes.filter((c) => c.change === kind).length} ${TITLE[kind].toLowerCase()}`);
  if (diff.changes.length > 0) out.push(`${counts.join(', ')}.`, '');
  for (const change of diff.changes) out.push(...describeChange(change, md), '');
  out.push(md ? '### Acts' : 'Acts:', '');
  if (diff.actChanges.length === 0) out.push('No change in which acts may be made or what travels with them.');
  else out.push(`${(['GAINED', 'LOST', 'CHANGED'] as const).map((kind) => `${diff.actChanges.filter((c) => c.change === kind).length} ${kind.toLowerCase()}`).join(', ')}.`, '');
  for (const change of diff.actChanges) out.push(...describeActChange(change, md), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** `ACT GAINED: AMK -> ASHG GIVE_FEEDBACK for case-conference`, then the grants and fields on each side. */
export function describeActChange(change: ActGrantChange, md = false): string[] {
  const when = change.periods.length === 0 ? '' : `, ${change.periods.map((p) => (p.to === null ? `from ${p.from}` : `${p.from}..${p.to}`)).join(' and ')}`;
  const act = change.referralKind === null ? change.act : `${change.act} (${change.referralKind})`;
  const head = `ACT ${change.change}: ${change.senderKind} -> ${change.receiverKind} ${act} for ${change.purpose}${when}`;
  const item = (label: string, text: string) => (md ? `- ${label}: ${text}` : `  ${label}: ${text}`);
  const fields = (coordinates: readonly string[]) => (coordinates.length === 0 ? 'none' : coordinates.join(', '));
  return [
    md ? `#### ${head}` : head,
    item('before', actBasisWords(change.before)),
    item('after', actBasisWords(change.after)),
    ...(change.change === 'LOST' ? [] : [item(change.change === 'GAINED' ? 'fields that travel' : 'fields added', fields(change.coordinatesAdded))]),
    ...(change.change === 'GAINED' ? [] : [item(change.change === 'LOST' ? 'fields that travelled' : 'fields removed', fields(change.coordinatesRemoved))]),
  ];
}

/** `groningen-ashg-amk@2#art. 5.1 (amk-gives-ashg-feedback), only when ...`, or `refused`. */
export function actBasisWords(grants: readonly ActGrantBasis[]): string {
  if (grants.length === 0) return 'refused';
  return grants.map((grant) => {
    const parties = grant.senders === null && grant.receivers === null ? '' : `, ${grant.senders?.join(', ') ?? 'any'} -> ${grant.receivers?.join(', ') ?? 'any'}`;
    const conditions = grant.conditions.length === 0 ? 'always' : `only when ${grant.conditions.join('; and ')}`;
    return `${grant.agreement.key}#${grant.agreement.article} (${grant.grantId}${parties}), ${conditions}`;
  }).join(' | ');
}

export function describeChange(change: AccessChange, md = false): string[] {
  const when = change.periods.length === 0 ? '' : `, ${change.periods.map((p) => (p.to === null ? `from ${p.from}` : `${p.from}..${p.to}`)).join(' and ')}`;
  const head = `${TITLE[change.change]}: ${change.viewerKind} reads ${change.ownerKind}${change.purpose ? ` for ${change.purpose}` : ''}${when}`;
  const item = (label: string, text: string) => (md ? `- ${label}: ${text}` : `  ${label}: ${text}`);
  return [
    md ? `### ${head}` : head,
    item('fields', change.coordinates.join(', ')),
    item('before', basisWords(change.before)),
    item('after', basisWords(change.after)),
    item('household regions', change.regions.map((r) => (r === '*' ? 'any (no region condition)' : r)).join(', ')),
    item('agencies', `${change.viewerAgencies.join(', ')} reading ${change.ownerAgencies.join(', ')}`),
    item(change.change === 'LOST' ? 'was allowed when' : 'allowed when', change.conditions.length === 0 ? 'always' : change.conditions.join('; and ')),
    item('for example', `${change.example} (${change.situations} situation${change.situations === 1 ? '' : 's'})`),
  ];
}

export function basisWords(basis: AccessBasis | null): string {
  if (!basis) return 'denied';
  if (basis.reason === 'GRANT' && basis.agreement) return `${basis.agreement.key} ${basis.agreement.article} (${basis.ruleId ?? '?'})`;
  return basis.reason.toLowerCase();
}
