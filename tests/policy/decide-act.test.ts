/**
 * decideAct (issue 13): each reason and their precedence, validity over time, the union of what may
 * travel with its basis per coordinate, answers and feedback, and the load and compile refusals of
 * act grants that would let the reporter travel (DOMAIN rule 7) or feedback carry care content (rule 4).
 */
import { describe, expect, test } from 'vitest';
import type { ActKind } from '#domain/acts.ts';
import type { ReferralKind } from '#domain/records.ts';
import { compilePolicy } from '#src/policy/compile.ts';
import { CovenantLoadError, PolicyConfigError } from '#src/policy/errors.ts';
import { decideAct, FEEDBACK_COORDINATES, type ActRequest } from '#src/policy/index.ts';
import { parseCovenantFiles } from '#src/policy/load-covenants.ts';
import { PUBLIC_COORDINATES } from '#src/policy/public-fields.ts';
import { AGENCY, buildSchema, facts, lineOf, loadRealPolicy, onDay, realCovenantFiles, referral } from './fixtures.ts';

const { loaded, policy } = await loadRealPolicy();
const real = await realCovenantFiles();

const MINORS = facts({ municipality: 'Groningen', householdHasMinors: true });
const ADULTS = facts({ municipality: 'Groningen', householdHasMinors: false });
const HANDED = facts({ municipality: 'Groningen', householdHasMinors: true, referrals: [referral('ashg-groningen', 'amk-groningen', 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')] });

function act(overrides: Partial<ActRequest> & { day?: string } = {}): ActRequest {
  const { day = '2026-07-01', ...rest } = overrides;
  return {
    act: 'HAND_OVER_CASE', referralKind: 'HANDOVER_ASHG_TO_AMK', sender: AGENCY.ashg, receiver: AGENCY.amk,
    purpose: 'child-abuse-assessment', facts: MINORS, at: onDay(day), ...rest,
  };
}

describe('reasons, in order of precedence', () => {
  test.each<[string, Partial<ActRequest> & { day?: string }, string]>([
    ['scenario 1: the ASHG hands a household with children to the AMK', {}, 'ALLOWED'],
    // Each refusal below also fails every later check, so it shows which one wins.
    ['a sender that no longer exists, whatever else is wrong', { sender: AGENCY.amkDrenthe, receiver: AGENCY.wijkteam, purpose: 'marketing', facts: ADULTS, day: '2016-01-04' }, 'ORGANISATION_NOT_IN_FORCE'],
    ['a receiver that does not exist yet', { sender: AGENCY.politie, receiver: AGENCY.vtDrenthe, act: 'GIVE_FEEDBACK', referralKind: null, day: '2014-12-31' }, 'ORGANISATION_NOT_IN_FORCE'],
    ['an organisation the registry does not know', { receiver: { agencyId: 'amk-utrecht', kind: 'AMK' } }, 'ORGANISATION_NOT_IN_FORCE'],
    ['an organisation of another kind than the request says', { receiver: { agencyId: 'bjz-groningen', kind: 'AMK' } }, 'ORGANISATION_NOT_IN_FORCE'],
    ['no act grant of this act from this sender, whatever the receiver', { act: 'REFER_ZORGMELDING', receiver: AGENCY.wijkteam, referralKind: 'TO_WIJKTEAM', purpose: 'marketing', facts: ADULTS }, 'NO_ACT_GRANT'],
    ['not to this receiver, whatever the kind and purpose', { receiver: AGENCY.bjz, referralKind: 'VOLUNTARY_CARE', purpose: 'marketing', facts: ADULTS }, 'RECEIVER_NOT_ALLOWED'],
    ['not this referral kind, whatever the purpose', { referralKind: 'VOLUNTARY_CARE', purpose: 'marketing', facts: ADULTS }, 'REFERRAL_KIND_NOT_COVERED'],
    ['a handover must say which referral it carries out', { referralKind: null }, 'REFERRAL_KIND_NOT_COVERED'],
    ['not for this purpose, whatever the facts', { purpose: 'case-conference', facts: ADULTS }, 'PURPOSE_NOT_COVERED'],
    ['scenario 6: adults only', { facts: ADULTS }, 'CONDITION_FAILED'],
    ['scenario 4: a household outside the region', { facts: facts({ municipality: 'Assen', householdHasMinors: true }) }, 'CONDITION_FAILED'],
  ])('%s', (_name, overrides, reason) => {
    const decision = decideAct(policy, act(overrides));
    expect(decision.reason).toBe(reason);
    expect(decision.allowed).toBe(reason === 'ALLOWED');
    if (!decision.allowed) {
      expect(decision.coordinates.size).toBe(0);
      expect(decision.basis.size).toBe(0);
      expect(decision.grants).toEqual([]);
    }
  });

  test('a failed condition is named in the act\'s words, for privacy officers', () => {
    expect(decideAct(policy, act({ facts: ADULTS })).failedCondition).toBe('the household has minor children');
    const answer = decideAct(policy, act({ act: 'ANSWER_REFERRAL', referralKind: null, sender: AGENCY.amk, receiver: AGENCY.ashg, facts: MINORS }));
    expect(answer.failedCondition).toBe('the household has a referral from the receiver to the sender, of kind HANDOVER_ASHG_TO_AMK');
    expect(decideAct(policy, act()).failedCondition).toBeNull();
  });

  test('the bureau of the household\'s region only (inOwnerRegion, the receiver\'s region)', () => {
    const refer = (receiver: ActRequest['receiver'], day: string) => decideAct(policy, act({
      act: 'REFER_ZORGMELDING', referralKind: 'POLICE_TO_BJZ', sender: AGENCY.politie, receiver, purpose: 'early-intervention', day,
    }));
    expect(refer(AGENCY.bjz, '2013-10-06').reason).toBe('ALLOWED');
    expect(refer(AGENCY.bjzDrenthe, '2013-10-06')).toMatchObject({ reason: 'CONDITION_FAILED', failedCondition: "the household's municipality lies in the receiver's region" });
  });
});

describe('validity over time', () => {
  const keys = (day: string, overrides: Partial<ActRequest> = {}) => decideAct(policy, act({ day, ...overrides })).grants.map((grant) => `${grant.key} ${grant.article} ${grant.grantId}`);

  test('each day the version in force grants, and only it', () => {
    expect(decideAct(policy, act({ day: '2018-12-31' })).reason).toBe('NO_ACT_GRANT');
    expect(keys('2019-01-01')).toEqual(['groningen-ashg-amk@1 art. 4 ashg-hands-case-to-amk']);
    expect(keys('2025-12-31')).toEqual(['groningen-ashg-amk@1 art. 4 ashg-hands-case-to-amk']);
    expect(keys('2026-01-01')).toEqual(['groningen-ashg-amk@2 art. 4 ashg-hands-case-to-amk']);
    expect(keys('2027-02-28')).toEqual(['groningen-ashg-amk@2 art. 4 ashg-hands-case-to-amk']);
    // Version 3 renews tacitly after 2028.
    expect(keys('2030-05-01')).toEqual(['groningen-ashg-amk@3 art. 4 ashg-hands-case-to-amk']);
  });

  test('what travels changes with the version: the school from version 3 on', () => {
    expect(decideAct(policy, act({ day: '2027-02-28' })).coordinates.has('Child.school')).toBe(false);
    expect(decideAct(policy, act({ day: '2027-03-01' })).coordinates.has('Child.school')).toBe(true);
  });

  test('feedback to the ASHG exists from version 2 (art. 5.1) only', () => {
    const feedback = { act: 'GIVE_FEEDBACK', referralKind: null, sender: AGENCY.amk, receiver: AGENCY.ashg, purpose: 'case-conference', facts: HANDED } as const;
    expect(decideAct(policy, act({ ...feedback, day: '2020-06-01' })).reason).toBe('NO_ACT_GRANT');
    // From 2024 the AMK gives feedback to the police (politie-terugkoppeling), still not to the ASHG.
    expect(decideAct(policy, act({ ...feedback, day: '2025-12-31' })).reason).toBe('RECEIVER_NOT_ALLOWED');
    expect(decideAct(policy, act({ ...feedback, day: '2026-01-01' })).reason).toBe('ALLOWED');
  });
});

describe('answers and feedback', () => {
  test('an answer carries out no referral: null referral kind allowed, any other refused, nothing travels', () => {
    const answer = { act: 'ANSWER_REFERRAL', sender: AGENCY.bjz, receiver: AGENCY.politie, purpose: 'early-intervention',
      facts: facts({ municipality: 'Groningen', householdHasMinors: true, referrals: [referral('politie-noord-nederland', 'bjz-groningen', 'POLICE_TO_BJZ', 'OFFERED')] }) } as const;
    const allowed = decideAct(policy, act({ ...answer, referralKind: null }));
    expect(allowed).toMatchObject({ allowed: true, reason: 'ALLOWED' });
    expect(allowed.coordinates.size).toBe(0);
    expect(allowed.grants.map((grant) => grant.grantId)).toEqual(['bjz-answers-politie']);
    expect(decideAct(policy, act({ ...answer, referralKind: 'POLICE_TO_BJZ' })).reason).toBe('REFERRAL_KIND_NOT_COVERED');
  });

  test('feedback carries exactly the phase category and the receiving care provider (rule 4)', () => {
    const decision = decideAct(policy, act({
      act: 'GIVE_FEEDBACK', referralKind: null, sender: AGENCY.bjz, receiver: AGENCY.politie, purpose: 'zorgmelding-feedback', day: '2026-10-20',
      facts: facts({ municipality: 'Groningen', householdHasMinors: true, referrals: [referral('politie-noord-nederland', 'bjz-groningen', 'POLICE_TO_BJZ', 'RUNNING')] }),
    }));
    expect(decision.allowed).toBe(true);
    expect([...decision.coordinates].sort()).toEqual([...FEEDBACK_COORDINATES].sort());
    expect(decision.basis.get('Report.receivingCareProvider')).toEqual([
      { id: 'politie-terugkoppeling', version: 1, key: 'politie-terugkoppeling@1', article: 'art. 3', grantId: 'feedback-to-politie' },
    ]);
  });

  test('every feedback grant of the real covenants names those two coordinates and no others', () => {
    const feedback = policy.actGrants.filter((grant) => grant.acts.has('GIVE_FEEDBACK'));
    expect(feedback.length).toBeGreaterThanOrEqual(3);
    for (const grant of feedback) expect([...grant.coordinates].sort()).toEqual([...FEEDBACK_COORDINATES].sort());
  });
});

/** A covenant of its own beside the real ones, in force from 2040, so no real act grant meets its requests. */
const TEST_FILE = 'covenants/test-acts.v1.yaml';
function testCovenant(acts: string): string {
  return `id: test-acts
version: 1
title: Test
parties:
  - { agencyKind: ASHG, agencyId: ashg-groningen, role: sender }
  - { agencyKind: AMK, agencyId: amk-groningen, role: receiver }
purposes: [child-abuse-assessment]
legalBasis: [{ article: none, text: none }]
regions: [groningen]
validFrom: 2040-01-01
grants:
  - id: read
    article: art. 1
    viewerKinds: [AMK]
    ownerKinds: [ASHG]
    purposes: [child-abuse-assessment]
    coordinates: [Household.hasMinors]
    conditions: []
acts:
${acts}`;
}
function withTestCovenant(acts: string) {
  return parseCovenantFiles({ jsonSchema: real.jsonSchema, files: [...real.files, { name: TEST_FILE, text: testCovenant(acts) }] });
}
function loadErrors(acts: string): readonly string[] {
  try {
    withTestCovenant(acts);
  } catch (error) {
    if (error instanceof CovenantLoadError) return error.errors;
    throw error;
  }
  return [];
}
const grant = (id: string, act: ActKind, coordinates: string, extra = '') =>
  `  - id: ${id}\n    article: art. ${id}\n    act: ${act}\n    senderKinds: [ASHG]\n    receiverKinds: [AMK]\n${extra}    purposes: [child-abuse-assessment]\n    coordinates: ${coordinates}\n`;
const referring = (kind: ReferralKind) => `    referralKinds: [${kind}]\n`;

describe('coordinates: the union over the grants that allow, with the basis of each', () => {
  const acts = [
    grant('a', 'REFER_ZORGMELDING', '[Report.narrative, Child.name]', `${referring('VOLUNTARY_CARE')}    conditions: [{ householdHasMinors: true }]\n`),
    grant('b', 'REFER_ZORGMELDING', '[Child.name, Address.city]', `${referring('VOLUNTARY_CARE')}    conditions: [{ inCovenantRegion: true }]\n`),
    grant('c', 'REFER_ZORGMELDING', '[Child.bsn]', `${referring('VOLUNTARY_CARE')}    conditions: [{ viewerInvolved: true }]\n`),
    grant('d', 'REFER_ZORGMELDING', '[Child.situation]', referring('POLICE_TO_AMK')),
  ].join('');
  const compiled = compilePolicy({ ...withTestCovenant(acts), schema: buildSchema(), publicCoordinates: PUBLIC_COORDINATES });
  const refer = (over: Partial<ActRequest> = {}) => decideAct(compiled, act({ act: 'REFER_ZORGMELDING', referralKind: 'VOLUNTARY_CARE', day: '2040-06-01', ...over }));
  const ref = (id: string) => ({ id: 'test-acts', version: 1, key: 'test-acts@1', article: `art. ${id}`, grantId: id });

  test('two grants allow: their coordinates together, a shared one with both grants as its basis', () => {
    const decision = refer();
    expect(decision.grants).toEqual([ref('a'), ref('b')]);
    expect([...decision.coordinates].sort()).toEqual(['Address.city', 'Child.name', 'Report.narrative']);
    expect(decision.basis.get('Child.name')).toEqual([ref('a'), ref('b')]);
    expect(decision.basis.get('Report.narrative')).toEqual([ref('a')]);
    expect(decision.basis.get('Address.city')).toEqual([ref('b')]);
    // c's condition fails and d is for another referral kind: neither lets anything travel.
    expect(decision.coordinates.has('Child.bsn')).toBe(false);
    expect(decision.coordinates.has('Child.situation')).toBe(false);
  });

  test("one grant's condition fails: the other alone decides what travels", () => {
    const decision = refer({ facts: ADULTS });
    expect(decision.grants).toEqual([ref('b')]);
    expect([...decision.coordinates].sort()).toEqual(['Address.city', 'Child.name']);
  });

  test('every grant fails: the first failed condition of the first grant tried', () => {
    expect(refer({ facts: facts({ municipality: 'Assen' }) })).toMatchObject({ allowed: false, reason: 'CONDITION_FAILED', failedCondition: 'the household has minor children' });
  });
});

describe('refused at load', () => {
  test.each([
    ['the reporter', 'Report.reporter'],
    ["the reporter's name", 'Reporter.name'],
    ['restricted information', 'Report.restrictedInformation'],
  ])('an act grant that lets %s travel (DOMAIN rule 7)', (_name, coordinate) => {
    const acts = grant('leaky', 'HAND_OVER_CASE', `[Report.narrative, ${coordinate}]`, referring('HANDOVER_ASHG_TO_AMK'));
    const errors = loadErrors(acts);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${TEST_FILE}:${lineOf(testCovenant(acts), '    coordinates: [Report.narrative')}: act grant leaky of test-acts@1 lets ${coordinate} travel`);
    expect(errors[0]).toContain('DOMAIN rule 7');
  });

  test('feedback that carries more than phase category and care provider (DOMAIN rule 4)', () => {
    const errors = loadErrors(grant('chatty', 'GIVE_FEEDBACK', '[Involvement.phaseCategory, Report.narrative]'));
    expect(errors).toEqual([expect.stringMatching(/test-acts\.v1\.yaml:\d+: act grant chatty of test-acts@1 gives Report\.narrative as feedback .*DOMAIN rule 4/)]);
  });

  test('referral kinds: required for handovers and referrals, refused for answers and feedback, never mixed', () => {
    expect(loadErrors(grant('h', 'HAND_OVER_CASE', '[]'))).toEqual([expect.stringMatching(/act grant h grants HAND_OVER_CASE, which carry out a referral: say which referralKinds/)]);
    expect(loadErrors(grant('a', 'ANSWER_REFERRAL', '[]', referring('HANDOVER_ASHG_TO_AMK')))).toEqual([expect.stringMatching(/act grant a grants ANSWER_REFERRAL, which carry out no referral: leave referralKinds out/)]);
    const mixed = grant('m', 'HAND_OVER_CASE', '[]', referring('HANDOVER_ASHG_TO_AMK')).replace('act: HAND_OVER_CASE', 'act: [HAND_OVER_CASE, ANSWER_REFERRAL]');
    expect(loadErrors(mixed)).toEqual([expect.stringMatching(/act grant m mixes acts that carry out a referral/)]);
  });

  test('parties, purposes and ids as for read grants', () => {
    const errors = loadErrors(grant('read', 'ANSWER_REFERRAL', '[]').replace('receiverKinds: [AMK]', 'receiverKinds: [POLITIE]').replace('purposes: [child-abuse-assessment]', 'purposes: [case-conference]'));
    expect(errors.join('\n')).toMatch(/grant id "read" is used twice in test-acts@1/);
    expect(errors.join('\n')).toMatch(/act grant read names POLITIE, which is not a party to test-acts@1/);
    expect(errors.join('\n')).toMatch(/act grant read names purpose "case-conference", which test-acts@1 does not list/);
  });
});

describe('refused at compile', () => {
  test('an owner-only coordinate in an act grant built by hand is a PolicyConfigError naming the grant', () => {
    const v2 = loaded.covenants.find((covenant) => covenant.key === 'groningen-ashg-amk@2')!;
    const handover = v2.acts.find((candidate) => candidate.id === 'ashg-hands-case-to-amk')!;
    const leaky = { ...handover, coordinates: [...handover.coordinates, 'Reporter.phone'], coordinateSources: [...handover.coordinateSources, handover.source] };
    const covenants = loaded.covenants.map((covenant) => (covenant === v2 ? { ...v2, acts: [leaky, ...v2.acts.slice(1)] } : covenant));
    expect(() => compilePolicy({ ...loaded, covenants, schema: buildSchema(), publicCoordinates: PUBLIC_COORDINATES })).toThrow(PolicyConfigError);
    try {
      compilePolicy({ ...loaded, covenants, schema: buildSchema(), publicCoordinates: PUBLIC_COORDINATES });
    } catch (error) {
      expect((error as PolicyConfigError).errors).toEqual([expect.stringContaining('act grant ashg-hands-case-to-amk of groningen-ashg-amk@2 lets Reporter.phone travel, which never leaves its owner (DOMAIN rule 7)')]);
    }
  });

  test('a coordinate the schema lacks is named with its file and line', () => {
    const acts = grant('typo', 'HAND_OVER_CASE', '[Report.narative]', referring('HANDOVER_ASHG_TO_AMK'));
    expect(() => compilePolicy({ ...withTestCovenant(acts), schema: buildSchema(), publicCoordinates: PUBLIC_COORDINATES }))
      .toThrow(new RegExp(`${TEST_FILE}:${lineOf(testCovenant(acts), '    coordinates: [Report.narative]')}: act grant typo of test-acts@1 names Report.narative`));
  });
});
