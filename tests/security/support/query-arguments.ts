/**
 * Arguments for the generated queries: root entry points fed with the world's BSNs and
 * municipalities and with ids harvested from the owners' views (now and then forged), and the few
 * arguments of nested fields (report filters and orders, agreement validity). Given inline or as
 * variables, at random.
 */
import type { RandomSource } from './random-source.ts';

export interface QueryInputs {
  readonly bsns: readonly string[];
  readonly municipalities: readonly string[];
  readonly ids: { readonly household: readonly string[]; readonly child: readonly string[]; readonly report: readonly string[]; readonly referral: readonly string[] };
  readonly agencyIds: readonly string[];
  readonly purposes: readonly string[];
  /** Region ids `households(region:)` is asked for. */
  readonly regions: readonly string[];
}

/** Entry points that concern the viewer (its own households, those a grant may open): drawn more often. */
export interface QueryFocus {
  readonly bsns: readonly string[];
  readonly municipalities: readonly string[];
  readonly ids: QueryInputs['ids'];
}

/** Declares a variable of the type with the value, and answers its `$name`. */
export type DeclareVariable = (type: string, value: unknown) => string;

const VIOLENCE = ['PARTNER_VIOLENCE', 'PHYSICAL_CHILD_ABUSE', 'EMOTIONAL_CHILD_ABUSE', 'CHILD_NEGLECT', 'SEXUAL_ABUSE', 'ELDER_ABUSE', 'HONOUR_RELATED'];
const PHASE_CATEGORIES = ['SIGNAL', 'ASSESSMENT', 'INVESTIGATION', 'CARE', 'MONITORING', 'CLOSED'];
const ORDERS = ['RECEIVED_AT_ASC', 'RECEIVED_AT_DESC', 'URGENCY_DESC'];
const DATES = ['2019-06-01', '2025-06-01', '2026-01-01', '2026-11-23', '2027-03-15'];
const DATE_TIMES = ['2025-01-01T00:00:00Z', '2026-06-01T00:00:00+02:00', '2026-09-13T00:00:00+02:00'];
const AGREEMENTS = ['groningen-ashg-amk', 'politie-terugkoppeling', 'vroegsignalering-0-18', 'wijkteam-betrokkenheid', 'no-such-agreement'];
const COORDINATES = ['Household.hasMinors', 'Household.municipality', 'HouseholdMember.name', 'Child.name', 'Child.school', 'Report.narrative', 'Report.reporter', 'Referral.reason', 'Involvement.phase'];

/** A literal or, a third of the time, a variable. */
function value(random: RandomSource, variable: DeclareVariable, type: string, raw: unknown): string {
  return random.chance(0.33) ? variable(type, raw) : JSON.stringify(raw);
}

function enumValue(random: RandomSource, variable: DeclareVariable, type: string, raw: string): string {
  return random.chance(0.33) ? variable(type, raw) : raw;
}

function args(parts: readonly string[]): string {
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

export function argumentsFor(coordinate: string, random: RandomSource, inputs: QueryInputs, variable: DeclareVariable): string {
  switch (coordinate) {
    case 'Household.reports': {
      const parts: string[] = [];
      if (random.chance(0.5)) {
        const filter: string[] = [];
        if (random.chance(0.6)) filter.push(`violenceType: ${enumValue(random, variable, 'ViolenceType', random.pick(VIOLENCE))}`);
        if (random.chance(0.4)) filter.push(`phaseCategory: ${enumValue(random, variable, 'PhaseCategory', random.pick(PHASE_CATEGORIES))}`);
        if (random.chance(0.3)) filter.push(`receivedAfter: ${value(random, variable, 'DateTime', random.pick(DATE_TIMES))}`);
        parts.push(`filter: { ${filter.join(', ')} }`);
      }
      if (random.chance(0.4)) parts.push(`orderBy: ${enumValue(random, variable, 'ReportOrder', random.pick(ORDERS))}`);
      return args(parts);
    }
    case 'Agreement.inForce':
      return random.chance(0.5) ? args([`at: ${value(random, variable, 'Date', random.pick(DATES))}`]) : '';
    default:
      return '';
  }
}

export interface RootEntry {
  readonly field: string;
  readonly args: string;
}

export function rootEntry(random: RandomSource, all: QueryInputs, focus: QueryFocus | null, variable: DeclareVariable, forge: (id: string) => string,
  /** Root fields the viewer's schema has (each viewer has its own; src/graph/schema-variants.ts). */
  inSchema: (field: string) => boolean = () => true): RootEntry {
  // Mostly what concerns the viewer, so that grants fire; the rest anything, to probe what must not.
  const inputs: QueryInputs = focus && random.chance(0.7) ? { ...all, ...focus } : all;
  const id = (kind: keyof QueryInputs['ids']) => {
    const found = random.pick(inputs.ids[kind].length > 0 ? inputs.ids[kind] : all.ids[kind]);
    return random.chance(0.1) ? forge(found) : found;
  };
  const weights = {
    householdsOfPerson: 30, households: 16, household: 10, child: 8, report: 14, referral: 8, caseStatus: 8,
    me: 1, agencies: 1, agreements: 1, agreement: 1, auditEntries: 1, explainAccess: 2, explainDecision: 1,
  };
  const field = random.weighted(Object.fromEntries(Object.entries(weights).filter(([name]) => inSchema(name))) as typeof weights);
  switch (field) {
    case 'householdsOfPerson':
      return { field, args: args([`bsn: ${value(random, variable, 'String!', random.pick(inputs.bsns.length > 0 ? inputs.bsns : all.bsns))}`]) };
    case 'households': {
      const where = random.chance(0.85)
        ? `municipality: ${value(random, variable, 'String', random.pick(inputs.municipalities.length > 0 ? inputs.municipalities : all.municipalities))}`
        : `region: ${value(random, variable, 'ID', random.pick(inputs.regions))}`;
      return { field, args: args([where, `first: ${random.int(1, 4)}`]) };
    }
    case 'household':
    case 'child':
    case 'report':
    case 'referral':
      return { field, args: args([`id: ${value(random, variable, 'ID!', id(field))}`]) };
    case 'caseStatus':
      return { field, args: args([`householdId: ${value(random, variable, 'ID!', id('household'))}`]) };
    case 'agreements':
      return { field, args: args([...(random.chance(0.5) ? [`inForceAt: ${value(random, variable, 'Date', random.pick(DATES))}`] : []), ...(random.chance(0.3) ? ['all: true'] : [])]) };
    case 'agreement':
      return { field, args: args([`id: ${JSON.stringify(random.pick(AGREEMENTS))}`, ...(random.chance(0.5) ? [`version: ${random.int(1, 3)}`] : [])]) };
    case 'auditEntries':
      return { field, args: args([...(random.chance(0.5) ? [`filter: { subjectBsn: ${JSON.stringify(random.pick(inputs.bsns))} }`] : []), `first: ${random.int(1, 3)}`]) };
    case 'explainAccess': {
      const recordId = id(random.pick(['household', 'report', 'child', 'referral'] as const));
      const input = `{ viewerAgencyId: ${JSON.stringify(random.pick(inputs.agencyIds))}, purpose: ${JSON.stringify(random.pick(inputs.purposes))}, coordinate: ${JSON.stringify(random.pick(COORDINATES))}, recordId: ${JSON.stringify(recordId)} }`;
      return { field, args: args([`input: ${input}`]) };
    }
    case 'explainDecision':
      return { field, args: args(['id: "dc_unknown"']) };
    default:
      return { field, args: '' };
  }
}
