import { describe, expect, it } from 'vitest';
import type { HouseholdRecord, OwnerTag } from '#domain/records.ts';
import { createEntityPseudonymizer, createPseudonymizer } from '#src/audit/pseudonymize.ts';
import { createAuditBuffer } from '#src/enforcement/audit-buffer.ts';
import type { Caller } from '#src/identity/caller.ts';
import { GUARDS } from '#src/enforcement/sources.ts';
import type { HouseholdNode, Source } from '#src/households/nodes.ts';

const pseudonymize = createPseudonymizer('audit-subjects-test-secret-0123456789');
const ASHG: OwnerTag = { agencyId: 'ashg-groningen', kind: 'ASHG', region: 'groningen' };
const POLICE: OwnerTag = { agencyId: 'politie-noord-nederland', kind: 'POLITIE', region: 'noord-nederland' };
const caller: Caller = { agencyId: 'amk-groningen', kind: 'AMK', region: 'groningen', userId: 'u1', role: 'caseworker', purposes: ['child-abuse-assessment'], purpose: 'child-abuse-assessment' };

function record(owner: OwnerTag, localId: string, bsns: string[]): HouseholdRecord {
  return { type: 'Household', owner, localId, householdLocalId: localId, municipality: 'Groningen', address: null, members: bsns.map((bsn) => ({ bsn, name: null, birthDate: null, role: null })) };
}

// The ASHG registered two members; the police also know a new partner with a lower BSN.
const household: HouseholdNode = {
  id: 'hh_test', anchor: 'b:100000009',
  records: [record(ASHG, 'A1', ['300000007', '200000008']), record(POLICE, 'P1', ['300000007', '200000008', '100000009'])],
};

function entriesFor(sources: readonly Source[]) {
  const buffer = createAuditBuffer(caller, { traceId: 'trace', spanId: null, parentSpanId: null, requestId: 'op', now: new Date('2026-11-23T10:00:00Z') },
    { subject: pseudonymize, entity: createEntityPseudonymizer('audit-subjects-test-secret-0123456789') });
  for (const source of sources) buffer.released(source, `${source.entityType}.id`);
  return buffer.entries({ operationName: null, processingActivity: 'amk-onderzoek' });
}

describe('audit subjects of a record about a household', () => {
  const [ashgSource, policeSource] = GUARDS.Household!.sources(household as never) as Source[];

  it('names the members its owner registered, never those only another agency registered', () => {
    const [entry] = entriesFor([ashgSource!]);
    expect(entry?.subject).toBe(pseudonymize('200000008'));
    expect(entry?.relatedSubjects).toEqual([pseudonymize('300000007')]);
    expect([entry?.subject, ...(entry?.relatedSubjects ?? [])]).not.toContain(pseudonymize('100000009'));
  });

  it('names all members the police registered on the police record', () => {
    const [entry] = entriesFor([policeSource!]);
    expect(entry?.subject).toBe(pseudonymize('100000009'));
    expect(entry?.relatedSubjects).toEqual([pseudonymize('200000008'), pseudonymize('300000007')].sort());
  });

  it('falls back to the household\'s anchor when the owner registered no BSN', () => {
    const bare: HouseholdNode = { id: 'hh_bare', anchor: 'b:100000009', records: [record(ASHG, 'A2', []), record(POLICE, 'P2', ['100000009'])] };
    const [source] = GUARDS.Household!.sources(bare as never) as Source[];
    const [entry] = entriesFor([source!]);
    expect(entry?.subject).toBe(pseudonymize('100000009'));
    expect(entry?.relatedSubjects).toEqual([]);
  });
});
