/**
 * More organisations with record systems, by configuration alone (issue 12's many-organisations chain):
 * entries for covenants/organisations.yaml and their processing activities (every organisation keeps a
 * register, AVG art. 30), in turn a police unit, a Veilig Thuis organisation and a certified
 * institution, each with a system of the existing dialects. They hold no household of the world (the
 * embedded mocks serve them empty), so they add what a lookup may ask, never what it finds: what the
 * involvement index's routing is measured against (tests/involvements/many-organisations.test.ts,
 * `npm run bench -- --organisations`).
 */
import { appendFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = [
  { kind: 'POLITIE', adapter: 'politie', prefix: 'politie-eenheid', code: 'POL', regions: '{ police-unit: noord-nederland }', purposes: '[own-records, zorgmelding-feedback]' },
  { kind: 'VEILIG_THUIS', adapter: 'amk', prefix: 'veilig-thuis-regio', code: 'VT', regions: '{ veilig-thuis: drenthe }', purposes: '[own-records, case-conference]' },
  { kind: 'CERTIFIED_INSTITUTION', adapter: 'bjz', prefix: 'jeugdbescherming-regio', code: 'GI', regions: '{ veilig-thuis: drenthe }', purposes: '[own-records, child-protection]' },
] as const;

/** `count` organisations' entries and activities, as YAML list items to append to the two files. */
export function extraOrganisationsYaml(count: number): { readonly organisations: string; readonly activities: string } {
  let organisations = '';
  let activities = '';
  for (let index = 1; index <= count; index++) {
    const kind = KINDS[index % KINDS.length]!;
    const number = String(index).padStart(3, '0');
    const id = `${kind.prefix}-${number}`;
    organisations += `
  - id: ${id}
    kind: ${kind.kind}
    name: ${kind.kind} ${index} (generated)
    code: ${kind.code}-G${number}
    regions: ${kind.regions}
    system: { adapter: ${kind.adapter} }
    validFrom: 2015-01-01
`;
    activities += `
  - agencyId: ${id}
    activities:
      - id: ${id}/eigen-dossiers
        version: 1
        name: Eigen dossiers (generated)
        controller: ${kind.kind} ${index} (assumption)
        legalBasis:
          - article: AVG art. 6 lid 1 sub e
            text: Verwerking noodzakelijk voor de vervulling van een taak van algemeen belang.
        purposes: ${kind.purposes}
      - id: ${id}/verantwoording-verstrekkingen
        version: 1
        name: Verantwoording over verstrekkingen
        controller: ${kind.kind} ${index} (assumption)
        legalBasis:
          - article: AVG art. 5 lid 2 en art. 24
            text: De verwerkingsverantwoordelijke is verantwoordelijk voor de naleving en kan die aantonen.
        purposes: [privacy-audit]
`;
  }
  return { organisations, activities };
}

/** Copies a covenants folder to `target` with `count` organisations added (a folder for KETENPOORT_COVENANTS_DIR). */
export function writeCovenantsWithExtraOrganisations(source: string, target: string, count: number): string {
  mkdirSync(target, { recursive: true });
  cpSync(source, target, { recursive: true });
  const extra = extraOrganisationsYaml(count);
  appendFileSync(join(target, 'organisations.yaml'), extra.organisations);
  appendFileSync(join(target, 'processing-activities.yaml'), extra.activities);
  return target;
}
