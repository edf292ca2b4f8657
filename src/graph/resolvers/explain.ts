/**
 * Explanations for privacy officers: why a field of a record was (or would be) released or withheld,
 * with every agreement considered, the condition that failed and the article that allowed.
 * The trace holds agency ids, coordinates and condition results, never record values.
 */
import type { GatewayContext } from '#src/graph/context.ts';
import { gatewayError } from '#domain/errors.ts';
import { GUARDS, inPrecedence, type Guard } from '#src/enforcement/sources.ts';
import { childrenOf, involvementsOf, membersOf, referralNode, reportNode } from '#src/graph/build-nodes.ts';
import { factsFor, loadReferralFacts } from '#src/enforcement/facts.ts';
import type { Source } from '#src/households/nodes.ts';
import { fromAuditDecision } from '#src/enforcement/audit-decision.ts';
import { explainAccess, explainRecorded, withholdRecordFacts, type AccessExplanation } from '#src/policy/index.ts';
import { toDecisionExplanation } from './explain-shape.ts';
import { officerOnly } from './require-role.ts';
import { kindOfId } from '#src/households/ids.ts';
import { takenId } from '../caller-ids.ts';

interface ExplainInput {
  readonly viewerAgencyId: string;
  readonly purpose: string;
  readonly coordinate: string;
  readonly recordId: string;
  readonly at?: string | null;
}

/** Which types' coordinates a record id of each kind can be asked about. */
const TYPES_OF_ID: Readonly<Record<string, readonly string[]>> = {
  rp_: ['Report', 'Reporter', 'SafetyAssessment', 'ChildInvolvement'],
  rf_: ['Referral'],
  hh_: ['Household', 'Address', 'CaseStatus', 'Involvement', 'Contact'],
  ch_: ['Child'],
  pm_: ['HouseholdMember'],
};

/**
 * The records a coordinate of the given record may come from (the gateway reads them; nothing is shown).
 * `recordId` is the gateway's record id: explainAccess takes it from the officer's own pseudonym,
 * explainDecision from the audit trail, which stores record ids.
 */
async function sourcesFor(context: GatewayContext, recordId: string, coordinate: string): Promise<Source[]> {
  const typeName = coordinate.split('.')[0] ?? '';
  const guard = GUARDS[typeName] as Guard<unknown> | undefined;
  const kind = Object.keys(TYPES_OF_ID).find((prefix) => recordId.startsWith(prefix));
  // A coordinate of another type than the id's record has no value there: nothing to explain.
  if (!guard || !kind || !TYPES_OF_ID[kind]?.includes(typeName)) return [];
  const ids = context.services.ids.records;
  const households = context.request.households;
  if (recordId.startsWith('rp_') || recordId.startsWith('rf_')) {
    const kind = recordId.startsWith('rp_') ? 'report' : 'referral';
    const [agencyId, localId] = ids.open(kind, recordId) ?? [];
    const loaders = agencyId ? context.request.loaders(agencyId) : null;
    if (!agencyId || !localId || !loaders) return [];
    const record = kind === 'report' ? await loaders.report.load(localId) : await loaders.referral.load(localId);
    const household = record?.householdLocalId ? await households.byRecord(agencyId, record.householdLocalId) : null;
    if (!record || !household) return [];
    const node = record.type === 'Report' ? reportNode(context, household, record) : record.type === 'Referral' ? referralNode(context, household, record) : null;
    if (!node) return [];
    const part = typeName === 'Reporter' || typeName === 'SafetyAssessment' || typeName === 'ChildInvolvement' ? { report: node, value: null } : node;
    return [...guard.sources(part, coordinate)];
  }
  if (recordId.startsWith('hh_')) {
    const household = await households.byId(recordId);
    if (!household) return [];
    if (typeName === 'Involvement' || typeName === 'Contact') {
      const involvements = await involvementsOf(context, household);
      return involvements.flatMap((involvement) => [...guard.sources(typeName === 'Contact' ? { involvement, value: null } : involvement, coordinate)]);
    }
    if (typeName === 'Address') return household.records.flatMap((record) => [...guard.sources({ record, household, value: null }, coordinate)]);
    if (typeName === 'CaseStatus') return [...guard.sources({ household }, coordinate)];
    return typeName === 'Household' ? [...guard.sources(household, coordinate)] : [];
  }
  if (recordId.startsWith('ch_')) {
    const [key] = ids.open('child', recordId) ?? [];
    for (const household of key ? await households.byBsns([key]) : []) {
      const child = (await childrenOf(context, household)).find((candidate) => candidate.id === recordId);
      if (child) return [...guard.sources(child, coordinate)];
    }
  }
  if (recordId.startsWith('pm_')) {
    const [key] = ids.open('member', recordId) ?? [];
    for (const household of key && /^\d{9}$/.test(key) ? await households.byBsns([key]) : []) {
      const member = membersOf(context, household).find((candidate) => candidate.id === recordId);
      if (member) return [...guard.sources(member, coordinate)];
    }
  }
  return [];
}

interface Explained {
  readonly explanation: AccessExplanation;
  /** Whether the caller's agency owns a record the field comes from: only then may it see the facts. */
  readonly ownedByCaller: boolean;
}

async function explain(context: GatewayContext, input: ExplainInput, atDate: Date, recordId: string | null): Promise<Explained | null> {
  const agency = context.services.agencyNode(input.viewerAgencyId);
  if (!agency) throw gatewayError('BAD_USER_INPUT', 'viewerAgencyId names no agency the gateway knows.');
  if (!/^[A-Z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(input.coordinate)) throw gatewayError('BAD_USER_INPUT', 'coordinate must read Type.field.');
  const viewer = { agencyId: agency.id, kind: agency.kind, region: agency.region };
  const sources = inPrecedence(recordId ? await sourcesFor(context, recordId, input.coordinate) : [], viewer.agencyId);
  const source = sources[0];
  if (!source) return null;
  // The facts as the enforcement computes them; the engine reads only those a condition it checks needs,
  // and the explanation shows only those (the owner's own access reads none).
  const factsOf = async (of: Source) => factsFor(of, await loadReferralFacts(of.household, context.request.loaders, context.request.upstreamFailed), viewer.agencyId, atDate);
  // A trace shows facts about the record (minors, referrals). A privacy officer gets it only for records of
  // its own agency, or as the viewer for a record that viewer may see at all; anything else answers as unknown.
  const ownedByCaller = sources.some((candidate) => candidate.owner.agencyId === context.caller.agencyId);
  if (!ownedByCaller) {
    if (viewer.agencyId !== context.caller.agencyId) return null;
    const typeName = input.coordinate.split('.')[0] ?? '';
    const visibility = (GUARDS[typeName] as Guard<unknown> | undefined)?.visibility;
    const visible = visibility !== undefined && (await Promise.all(sources.map(async (candidate) => explainAccess(context.services.policy, {
      viewer, purpose: input.purpose, owner: candidate.owner, facts: await factsOf(candidate), coordinate: visibility, at: atDate,
    }).decision.effect === 'allow'))).some(Boolean);
    if (!visible) return null;
  }
  const explanation = explainAccess(context.services.policy, { viewer, purpose: input.purpose, owner: source.owner, facts: await factsOf(source), coordinate: input.coordinate, at: atDate });
  return { explanation: ownedByCaller ? explanation : withholdRecordFacts(context.services.policy, explanation), ownedByCaller };
}

export const explainResolvers = {
  Query: {
    explainAccess: officerOnly(async (_root: unknown, args: { input: ExplainInput }, context: GatewayContext) => {
      const at = args.input.at ? new Date(args.input.at) : context.now;
      // The officer names the record by its own organisation's id; another organisation's opens to nothing.
      const kind = kindOfId(args.input.recordId);
      const recordId = kind ? takenId(context, kind, args.input.recordId) : null;
      const explained = await explain(context, args.input, at, recordId);
      context.enforcement.audit.search({ explain: args.input.coordinate, viewer: args.input.viewerAgencyId, purpose: args.input.purpose }, explained ? 'released' : 'not-found', 'explain');
      return explained ? toDecisionExplanation(context, explained.explanation, {
        decisionId: null, ownRecord: explained.ownedByCaller, withheldBecause: 'another-organisations-record',
      }) : null;
    }),
    explainDecision: officerOnly(async (_root: unknown, args: { id: string }, context: GatewayContext) => {
      const found = await context.services.audit.findDecision(args.id);
      // A privacy officer explains decisions of its own agency's requests and about its own records only.
      const mine = found && (found.entry.viewer.agencyId === context.caller.agencyId || found.entry.owner === context.caller.agencyId);
      context.enforcement.audit.search({ explainDecision: args.id }, mine ? 'released' : 'not-found', 'explain');
      if (!found || !mine) return null;
      const { entry } = found;
      const decision = fromAuditDecision(found.decision);
      const viewer = context.services.agencyNode(entry.viewer.agencyId);
      const owner = entry.owner ? context.services.agencyNode(entry.owner) : null;
      if (!decision || !viewer || !owner) return null;
      // The trail keeps the decision, not the facts: the replay shows what the decision proves and marks
      // the rest not recorded, instead of recomputing facts on today's records (children grow up).
      const { policy } = context.services;
      const replayed = explainRecorded(policy, {
        viewer: { agencyId: viewer.id, kind: viewer.kind, region: viewer.region }, purpose: entry.purpose,
        owner: { agencyId: owner.id, kind: owner.kind, region: owner.region }, coordinate: decision.coordinate, at: entry.time,
      }, decision);
      const ownRecord = owner.id === context.caller.agencyId;
      return toDecisionExplanation(context, ownRecord ? replayed : withholdRecordFacts(policy, replayed), {
        decisionId: decision.id, ownRecord, withheldBecause: 'another-organisations-record',
      });
    }),
  },
};
