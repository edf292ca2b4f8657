/**
 * What the example does: lists a municipality's households, then reads the first of them by id, and prints
 * both with their types. Exported for tests/examples/client.test.ts, which runs it against the gateway.
 */
import { createGatewayClient, type GatewayClientOptions, type GatewayResult } from './client.ts';
import type { HouseholdByIdQuery, HouseholdsOfMunicipalityQuery } from './gql/graphql.ts';
import { HouseholdById, HouseholdsOfMunicipality } from './operations.ts';

export interface ExampleOptions extends GatewayClientOptions {
  readonly municipality: string;
  readonly first: number;
  readonly print: (line: string) => void;
}

export interface ExampleResult {
  readonly listing: GatewayResult<HouseholdsOfMunicipalityQuery>;
  readonly household: GatewayResult<HouseholdByIdQuery> | null;
}

export async function runExample(options: ExampleOptions): Promise<ExampleResult> {
  const client = createGatewayClient(options);
  const { print } = options;

  const listing = await client.execute(HouseholdsOfMunicipality, { municipality: options.municipality, first: options.first });
  reportProblems(listing, print);
  const households = listing.data?.households.edges.map((edge) => edge.node) ?? [];
  print(`${households.length} household(s) in ${options.municipality}${listing.data?.households.pageInfo.hasNextPage ? ' (more on the next page)' : ''}:`);
  for (const household of households) {
    // `hasMinors` is `boolean | null`: null when the covenants withhold it from this caller.
    print(`  ${household.id}  ${household.municipality ?? '(withheld)'}  minors: ${household.hasMinors === null ? '(withheld)' : household.hasMinors ? 'yes' : 'no'}`);
  }

  const first = households[0];
  if (!first) return { listing, household: null };
  const household = await client.execute(HouseholdById, { id: first.id });
  reportProblems(household, print);
  const found = household.data?.household;
  if (!found) {
    print(`household ${first.id}: not found (or nothing of it may be shown to this caller)`);
    return { listing, household };
  }
  print(`household ${found.id}:`);
  for (const child of found.children ?? []) print(`  child ${child.name ?? '(withheld)'}, born ${child.birthDate ?? '(withheld)'}`);
  for (const involvement of found.caseStatus?.involvements ?? []) {
    print(`  involved: ${involvement.agency?.name ?? '(withheld)'} (${involvement.agency?.id ?? '?'}), phase ${involvement.phase ?? '(withheld)'}`);
  }
  return { listing, household };
}

function reportProblems(result: GatewayResult<unknown>, print: (line: string) => void): void {
  for (const error of result.errors) {
    print(`error ${error.extensions?.code ?? '?'}${error.extensions?.agency ? ` from ${error.extensions.agency}` : ''}: ${error.message} (HTTP ${result.status})`);
  }
  if (result.redactions.length > 0) {
    print(`${result.redactions.length} field(s) withheld: ${[...new Set(result.redactions.map((redaction) => `${redaction.coordinate} (${redaction.reason})`))].join(', ')}`);
  }
}
