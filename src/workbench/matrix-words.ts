/** Internal to the workbench. The access matrix in words, shared by its Markdown, CSV and HTML forms. */
import type { AgencyKind } from '#domain/records.ts';
import type { AccessMatrix, MatrixAct, MatrixActGrant, MatrixGrant } from './matrix.ts';

export function columnLabel(viewerKind: AgencyKind, ownerKind: AgencyKind): string {
  return `${viewerKind} reads ${ownerKind}`;
}

/** `groningen-ashg-amk@3 art. 4.1` */
export function citation(grant: Pick<MatrixGrant, 'agreement'>): string {
  return `${grant.agreement.key} ${grant.agreement.article}`;
}

/** The agencies of a kind the grant binds, e.g. `amk-groningen` or `every BJZ`. */
export function partyWords(grant: MatrixGrant, kind: AgencyKind): string {
  const party = grant.parties.find((candidate) => candidate.kind === kind);
  if (!party) return `no ${kind}`;
  return party.agencyIds === null ? `every ${kind}` : party.agencyIds.join(', ');
}

/** `groningen-ashg-amk@2#art. 4`: an act grant cited as an act's basis cites it (Act.basis). */
export function actCitation(grant: Pick<MatrixActGrant, 'agreement'>): string {
  return `${grant.agreement.key}#${grant.agreement.article}`;
}

/** `HAND_OVER_CASE (HANDOVER_ASHG_TO_AMK)`, or the act alone when it carries out no referral. */
export function actWords(act: MatrixAct): string {
  return act.referralKind === null ? act.act : `${act.act} (${act.referralKind})`;
}

/** `ashg-groningen (ASHG) -> amk-groningen (AMK)` */
export function actPartiesWords(act: MatrixAct): string {
  return `${act.senderId} (${act.senderKind}) -> ${act.receiverId} (${act.receiverKind})`;
}

/** What travels, or that the act carries only itself (an answer). */
export function travelWords(coordinates: readonly string[]): string {
  return coordinates.length === 0 ? 'no field (the act itself only)' : coordinates.join(', ');
}

export function conditionWords(grant: Pick<MatrixGrant, 'conditionTexts'>): string {
  return grant.conditionTexts.length === 0 ? 'always' : grant.conditionTexts.join('; and ');
}

export function filterWords(matrix: AccessMatrix): string {
  return `on ${matrix.day}, region ${matrix.region ?? 'any'}, purpose ${matrix.purpose ?? 'any'}`;
}

/** Public coordinates, a type written `Type.*` when every field of it the matrix knows is public. */
export function compactPublic(matrix: AccessMatrix): string[] {
  const guardedTypes = new Set(matrix.rows.map((row) => row.coordinate.split('.')[0]));
  const out: string[] = [];
  for (const coordinate of matrix.publicCoordinates) {
    const type = coordinate.split('.')[0] ?? '';
    if (guardedTypes.has(type)) out.push(coordinate);
    else if (!out.includes(`${type}.*`)) out.push(`${type}.*`);
  }
  return out;
}

/** Rows with at least one allowed cell, owner-only rows, and the rest (denied to every other agency). */
export function rowGroups(matrix: AccessMatrix) {
  return {
    shared: matrix.rows.filter((row) => row.cells.length > 0),
    ownerOnly: matrix.rows.filter((row) => row.ownerOnly),
    unshared: matrix.rows.filter((row) => !row.ownerOnly && row.cells.length === 0),
  };
}

/**
 * The organisations on the matrix's day, in words: those that exist, and the successions in effect
 * (whose records another organisation controls that day). Empty without a registry.
 */
export function organisationLines(matrix: AccessMatrix): { existing: string[]; succeeded: string[] } {
  const names = new Map(matrix.organisations.map((organisation) => [organisation.id, organisation.name]));
  return {
    existing: matrix.organisations.filter((organisation) => organisation.exists)
      .map((organisation) => `${organisation.name} (${organisation.id}, ${organisation.kind}, ${organisation.homeRegion})`),
    succeeded: matrix.organisations.filter((organisation) => organisation.controller !== organisation.id)
      .map((organisation) => `${organisation.name} (${organisation.id}) ended ${organisation.validTo ?? '?'}: the records it created are decided on as ${names.get(organisation.controller) ?? organisation.controller}'s (${organisation.controller})`),
  };
}
