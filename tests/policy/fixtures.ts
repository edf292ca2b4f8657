/** Shared by the policy tests: the real covenants compiled against the real schema, and hand-made facts. */
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import type { OwnerTag } from '#domain/records.ts';
import { loadTypeDefs } from '#src/graph/schema-files.ts';
import { compilePolicy, type CompiledPolicy } from '#src/policy/compile.ts';
import type { Viewer } from '#src/policy/decision.ts';
import { NO_FACTS, type RecordFacts, type ReferralFact } from '#src/policy/facts.ts';
import { loadCovenants, type CovenantFile, type LoadedCovenants } from '#src/policy/load-covenants.ts';
import { PUBLIC_COORDINATES } from '#src/policy/public-fields.ts';

export const COVENANTS_DIR = fileURLToPath(new URL('../../covenants/', import.meta.url));

export function buildSchema(extraSdl = ''): GraphQLSchema {
  return buildASTSchema(parse([...loadTypeDefs(), extraSdl].join('\n')));
}

export async function loadRealPolicy(): Promise<{ loaded: LoadedCovenants; policy: CompiledPolicy }> {
  const loaded = await loadCovenants(COVENANTS_DIR);
  const policy = compilePolicy({ ...loaded, schema: buildSchema(), publicCoordinates: PUBLIC_COORDINATES });
  return { loaded, policy };
}

/** The real covenant directory as in-memory files, so a test can add or replace one. */
export async function realCovenantFiles(): Promise<{ jsonSchema: object; files: CovenantFile[] }> {
  const names = (await readdir(COVENANTS_DIR)).filter((name) => name.endsWith('.yaml')).sort();
  const files = await Promise.all(names.map(async (name) => ({ name: `covenants/${name}`, text: await readFile(`${COVENANTS_DIR}${name}`, 'utf8') })));
  const jsonSchema = JSON.parse(await readFile(`${COVENANTS_DIR}covenant.schema.json`, 'utf8')) as object;
  return { jsonSchema, files };
}

type Agency = Viewer & OwnerTag;
export const AGENCY = {
  ashg: { agencyId: 'ashg-groningen', kind: 'ASHG', region: 'groningen' },
  amk: { agencyId: 'amk-groningen', kind: 'AMK', region: 'groningen' },
  amkDrenthe: { agencyId: 'amk-drenthe', kind: 'AMK', region: 'drenthe' },
  politie: { agencyId: 'politie-noord-nederland', kind: 'POLITIE', region: 'noord-nederland' },
  bjz: { agencyId: 'bjz-groningen', kind: 'BJZ', region: 'groningen' },
  bjzDrenthe: { agencyId: 'bjz-drenthe', kind: 'BJZ', region: 'drenthe' },
  wijkteam: { agencyId: 'wijkteam-groningen', kind: 'WIJKTEAM', region: 'gemeente-groningen' },
  raad: { agencyId: 'raad-noord', kind: 'RAAD', region: 'noord-nederland' },
  // The chain as it is today (covenants/organisations.yaml): Drenthe, Amsterdam-Amstelland, the Raad.
  vtDrenthe: { agencyId: 'veilig-thuis-drenthe', kind: 'VEILIG_THUIS', region: 'drenthe' },
  vtAmsterdam: { agencyId: 'veilig-thuis-amsterdam-amstelland', kind: 'VEILIG_THUIS', region: 'amsterdam-amstelland' },
  ashgDrenthe: { agencyId: 'ashg-drenthe', kind: 'ASHG', region: 'drenthe' },
  politieAmsterdam: { agencyId: 'politie-amsterdam', kind: 'POLITIE', region: 'eenheid-amsterdam' },
  giNoord: { agencyId: 'jeugdbescherming-noord', kind: 'CERTIFIED_INSTITUTION', region: 'drenthe' },
  giAmsterdam: { agencyId: 'jeugdbescherming-regio-amsterdam', kind: 'CERTIFIED_INSTITUTION', region: 'amsterdam-amstelland' },
  wijkteamAssen: { agencyId: 'wijkteam-assen', kind: 'WIJKTEAM', region: 'gemeente-assen' },
  wijkteamEmmen: { agencyId: 'wijkteam-emmen', kind: 'WIJKTEAM', region: 'gemeente-emmen' },
  wijkteamAmsterdam: { agencyId: 'wijkteam-amsterdam', kind: 'WIJKTEAM', region: 'gemeente-amsterdam' },
  raadNl: { agencyId: 'raad-voor-de-kinderbescherming', kind: 'RAAD', region: 'nederland' },
} as const satisfies Record<string, Agency>;

export function facts(partial: Partial<RecordFacts> = {}): RecordFacts {
  return { ...NO_FACTS, ...partial };
}

export function referral(from: string | null, to: string | null, kind: ReferralFact['kind'], status: ReferralFact['status']): ReferralFact {
  return { fromAgencyId: from, toAgencyId: to, kind, status };
}

/** Noon in Amsterdam on a day, so the day cannot shift with the time zone. */
export function onDay(day: string): Date {
  return new Date(`${day}T12:00:00+01:00`);
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not in text`);
  return text.slice(0, index).split('\n').length;
}
