/**
 * The access matrix as CSV, long form for a spreadsheet: one line per viewer kind, owner kind and
 * field, denied and owner-only ones included, and one line per grant where a field is allowed (so each
 * line cites exactly one agreement and article). Public fields come once, with `*` for the kinds.
 * Then the acts: status `travels`, one line per act, grant and field that travels (one with an empty
 * field for an act that carries none), the sender in the viewer's columns and the receiver in the
 * owner's, as act grants read them (docs/acts-policy.md), and the act in the last four columns.
 */
import { stringify } from 'csv-stringify/sync';
import type { AccessMatrix } from './matrix.ts';
import { conditionWords, partyWords } from './matrix-words.ts';

const NO_ACT = ['', '', '', ''];

export const MATRIX_CSV_COLUMNS = [
  'day', 'region', 'purpose', 'viewer_kind', 'owner_kind', 'coordinate', 'status', 'agreement', 'article', 'grant',
  'grant_purposes', 'agreement_regions', 'viewer_parties', 'owner_parties', 'conditions', 'act', 'referral_kind', 'sender', 'receiver',
] as const;

export function matrixToCsv(matrix: AccessMatrix): string {
  const lead = [matrix.day, matrix.region ?? '', matrix.purpose ?? ''];
  const records: string[][] = [];
  const none = ['', '', '', '', '', '', ''];
  for (const viewerKind of matrix.kinds) {
    for (const ownerKind of matrix.kinds) {
      for (const row of matrix.rows) {
        const base = [...lead, viewerKind, ownerKind, row.coordinate];
        const cell = row.cells.find((candidate) => candidate.viewerKind === viewerKind && candidate.ownerKind === ownerKind);
        if (row.ownerOnly) { records.push([...base, 'owner-only', ...none, 'never leaves the owning agency (DOMAIN rule 7)', ...NO_ACT]); continue; }
        if (!cell) { records.push([...base, 'denied', ...none, '', ...NO_ACT]); continue; }
        for (const grant of cell.grants) {
          records.push([
            ...base, 'allowed', grant.agreement.key, grant.agreement.article, grant.ruleId, grant.purposes.join(' '), grant.regions.join(' '),
            partyWords(grant, viewerKind), partyWords(grant, ownerKind), conditionWords(grant), ...NO_ACT,
          ]);
        }
      }
    }
  }
  for (const coordinate of matrix.publicCoordinates) records.push([...lead, '*', '*', coordinate, 'public', ...none, '', ...NO_ACT]);
  for (const act of matrix.acts) {
    for (const grant of act.grants) {
      for (const coordinate of grant.coordinates.length === 0 ? [''] : grant.coordinates) {
        records.push([
          ...lead, act.senderKind, act.receiverKind, coordinate, 'travels', grant.agreement.key, grant.agreement.article, grant.ruleId, act.purpose,
          grant.regions.join(' '), act.senderId, act.receiverId, conditionWords(grant), act.act, act.referralKind ?? '', act.senderId, act.receiverId,
        ]);
      }
    }
  }
  return stringify(records, { header: true, columns: [...MATRIX_CSV_COLUMNS] });
}
