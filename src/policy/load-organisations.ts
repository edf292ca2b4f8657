/**
 * Reads the organisations registry (covenants/organisations.yaml, with regions.yaml for the regions
 * it names) on its own, synchronously: the configuration is built from it before anything starts
 * (src/config). The same checks as loadCovenants makes of it; every problem as `file:line: message`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCovenantSchemaValidator } from './covenant-json-schema.ts';
import type { RegionDef } from './covenant-types.ts';
import { CovenantLoadError } from './errors.ts';
import { buildOrganisations, buildRegions } from './load-shared-files.ts';
import type { OrganisationDef } from './organisations.ts';
import { parseYamlSource } from './yaml-source.ts';

export const ORGANISATIONS_FILE = 'organisations.yaml';

export interface LoadedOrganisations {
  readonly regions: readonly RegionDef[];
  readonly organisations: readonly OrganisationDef[];
}

export function loadOrganisationsSync(dir: string): LoadedOrganisations {
  const errors: string[] = [];
  const read = (name: string): string | null => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      errors.push(`${join(dir, name)}:1: missing or unreadable; the gateway needs it`);
      return null;
    }
  };
  const schemaText = read('covenant.schema.json');
  const regionsText = read('regions.yaml');
  const organisationsText = read(ORGANISATIONS_FILE);
  if (schemaText === null || regionsText === null || organisationsText === null) throw new CovenantLoadError(errors);
  const validator = createCovenantSchemaValidator(JSON.parse(schemaText) as object);
  const regionsSource = parseYamlSource(join(dir, 'regions.yaml'), regionsText);
  const organisationsSource = parseYamlSource(join(dir, ORGANISATIONS_FILE), organisationsText);
  errors.push(...(regionsSource.errors.length > 0 ? regionsSource.errors : validator.validate('regionsFile', regionsSource)));
  errors.push(...(organisationsSource.errors.length > 0 ? organisationsSource.errors : validator.validate('organisationsFile', organisationsSource)));
  if (errors.length > 0) throw new CovenantLoadError(errors);
  const regions = buildRegions(regionsSource, errors);
  const organisations = errors.length > 0 ? [] : buildOrganisations(organisationsSource, regions, errors);
  if (errors.length > 0) throw new CovenantLoadError(errors);
  return { regions, organisations };
}
