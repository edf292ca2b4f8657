// @ts-check
// The access matrix as the console shows it, without the DOM: fields grouped by the covenants' data
// categories (and the fields in none), a decision per field and column, one per category and column,
// and the organisations a column stands for. The table, the CSV and the picture read these, so what is
// printed, downloaded and drawn says the same.

/** @import { AccessMatrix, MatrixColumn, MatrixGrant } from './matrix-queries.js' */

/** @typedef {AccessMatrix['rows'][number]} MatrixRowData */
/**
 * @typedef {object} FieldGroup
 * @property {string} name A category's name, or OTHER_FIELDS.
 * @property {string | null} description
 * @property {MatrixRowData[]} fields The group's fields that are not public, in the category's order.
 */
/**
 * @typedef {object} Decision
 * @property {'allowed' | 'denied' | 'owner-only'} status
 * @property {MatrixGrant[]} grants Empty unless allowed; in the order the engine tries them.
 */
/**
 * @typedef {object} GroupDecision
 * @property {'allowed' | 'partly' | 'denied' | 'owner-only'} status
 * @property {number} allowed Fields allowed.
 * @property {number} governed Fields that may leave their owner at all (owner-only ones not counted).
 * @property {MatrixGrant[]} grants Every grant some field cites, in policy order.
 */

export const OTHER_FIELDS = 'other fields';

/** @param {MatrixGrant} grant e.g. groningen-ashg-amk@3 art. 4.1 */
export const articleOf = (grant) => `${grant.agreement.key} ${grant.agreement.article}`;

/** @param {MatrixColumn} column */
export const columnLabel = (column) => `${column.viewerKind} reads ${column.ownerKind}`;

/**
 * Each data category with the fields the matrix has rows for (public ones have none), then the fields
 * of no category. A field in two categories (Household.timeline) shows in both.
 * @param {AccessMatrix} matrix
 * @returns {FieldGroup[]}
 */
export function fieldGroups(matrix) {
  const rows = new Map(matrix.rows.map((row) => [row.coordinate, row]));
  const placed = new Set(matrix.dataCategories.flatMap((category) => category.coordinates));
  /** @type {FieldGroup[]} */
  const groups = matrix.dataCategories.map((category) => ({
    name: category.name, description: category.description,
    fields: category.coordinates.flatMap((coordinate) => rows.get(coordinate) ?? []),
  }));
  groups.push({ name: OTHER_FIELDS, description: 'Fields no data category of covenants/data-categories.yaml holds: granted by name, or never leaving their owner.',
    fields: matrix.rows.filter((row) => !placed.has(row.coordinate)) });
  return groups.filter((group) => group.fields.length > 0);
}

/**
 * @param {AccessMatrix} matrix
 * @returns {(row: MatrixRowData, column: MatrixColumn) => Decision}
 */
export function decider(matrix) {
  const grants = new Map(matrix.grants.map((grant) => [grant.id, grant]));
  return (row, column) => {
    if (row.ownerOnly) return { status: 'owner-only', grants: [] };
    const found = row.cells.find((cell) => cell.viewerKind === column.viewerKind && cell.ownerKind === column.ownerKind);
    if (!found) return { status: 'denied', grants: [] };
    return { status: 'allowed', grants: found.grantIds.flatMap((id) => grants.get(id) ?? []) };
  };
}

/**
 * A category's decision for a column: allowed when every field that may leave its owner is, partly
 * when some are, owner only when none may leave it.
 * @param {(row: MatrixRowData, column: MatrixColumn) => Decision} decide
 * @param {AccessMatrix} matrix
 * @param {FieldGroup} group
 * @param {MatrixColumn} column
 * @returns {GroupDecision}
 */
export function groupDecision(decide, matrix, group, column) {
  const decisions = group.fields.map((row) => decide(row, column));
  const governed = decisions.filter((decision) => decision.status !== 'owner-only').length;
  const allowed = decisions.filter((decision) => decision.status === 'allowed');
  const cited = new Set(allowed.flatMap((decision) => decision.grants));
  const grants = matrix.grants.filter((grant) => cited.has(grant));
  if (governed === 0) return { status: 'owner-only', allowed: 0, governed, grants };
  const status = allowed.length === 0 ? 'denied' : allowed.length === governed ? 'allowed' : 'partly';
  return { status, allowed: allowed.length, governed, grants };
}

/**
 * The organisations a column stands for on the day, by name: the viewers and owners of the pairs
 * (matrix.sharing) of its kinds.
 * @param {AccessMatrix} matrix
 * @param {MatrixColumn} column
 */
export function columnOrganisations(matrix, column) {
  const pairs = matrix.sharing.filter((pair) => pair.viewer.kind === column.viewerKind && pair.owner.kind === column.ownerKind);
  const names = (/** @type {{ id: string, name: string }[]} */ agencies) => [...new Map(agencies.map((agency) => [agency.id, agency.name])).values()].sort();
  return { viewers: names(pairs.map((pair) => pair.viewer)), owners: names(pairs.map((pair) => pair.owner)) };
}

/** @param {AccessMatrix} matrix */
export function filterWords(matrix) {
  return `on ${matrix.day}, ${matrix.region ? `region ${matrix.region}` : 'any region'}, ${matrix.purpose ? `purpose ${matrix.purpose}` : 'any purpose'}`;
}
