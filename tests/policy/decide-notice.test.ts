/**
 * Whom a notice may tell (src/policy/decide-notice.ts, docs/notifications.md): an access notice only the
 * record's controller on the day, never the reader itself; an involvement notice exactly where a read of
 * the new agency's Involvement.agency would be allowed, under the purpose a grant covers.
 */
import { describe, expect, test } from 'vitest';
import { decideAccessNotice, decideInvolvementNotice, evaluate } from '#src/policy/index.ts';
import { AGENCY, facts, loadRealPolicy, onDay, referral } from './fixtures.ts';

const { policy } = await loadRealPolicy();

describe('access notices: the controller on the day, nobody else', () => {
  test.each<[string, { recipient: string; reader: string; creator: string; day: string }, 'allow' | 'deny']>([
    ['the ASHG is told the AMK read its record', { recipient: 'ashg-groningen', reader: 'amk-groningen', creator: 'ashg-groningen', day: '2026-07-01' }, 'allow'],
    ['another organisation is not told of the ASHG\'s record', { recipient: 'bjz-groningen', reader: 'amk-groningen', creator: 'ashg-groningen', day: '2026-07-01' }, 'deny'],
    ['the reader is not told of its own read', { recipient: 'ashg-groningen', reader: 'ashg-groningen', creator: 'ashg-groningen', day: '2026-07-01' }, 'deny'],
    ['Veilig Thuis Drenthe is told of reads of the dissolved ASHG Drenthe\'s records (S8)', { recipient: 'veilig-thuis-drenthe', reader: 'politie-noord-nederland', creator: 'ashg-drenthe', day: '2026-07-01' }, 'allow'],
    ['and the dissolved ASHG Drenthe is not', { recipient: 'ashg-drenthe', reader: 'politie-noord-nederland', creator: 'ashg-drenthe', day: '2026-07-01' }, 'deny'],
    ['before the merger the ASHG Drenthe is', { recipient: 'ashg-drenthe', reader: 'politie-noord-nederland', creator: 'ashg-drenthe', day: '2014-06-01' }, 'allow'],
  ])('%s', (_name, request, effect) => {
    const { decision } = decideAccessNotice(policy, { ...request, at: onDay(request.day) });
    expect(decision.effect).toBe(effect);
    if (effect === 'allow') expect(decision).toMatchObject({ reason: 'OWNER', coordinate: 'Notification.records' });
  });
});

describe('involvement notices: as a read of Involvement.agency', () => {
  const onTheCase = facts({ municipality: 'Midden-Groningen', householdHasMinors: true, viewerInvolved: true,
    referrals: [referral('politie-noord-nederland', 'bjz-groningen', 'POLICE_TO_BJZ', 'OFFERED')] });

  test('the chair (ASHG) is told Bureau Jeugdzorg became involved, under the case conference\'s art. 3', () => {
    const { decision, purpose } = decideInvolvementNotice(policy, { recipient: AGENCY.ashg, involved: AGENCY.bjz, facts: onTheCase, at: onDay('2026-12-01') });
    expect(decision).toMatchObject({ effect: 'allow', reason: 'GRANT', agreement: { key: 'casusoverleg-groningen@2', article: 'art. 3' } });
    expect(purpose).toBe('case-conference');
  });

  test('not for a household the chair does not work on, nor out of the covenant\'s region, nor before version 2', () => {
    const cases = [
      { facts: { ...onTheCase, viewerInvolved: false }, day: '2026-12-01' },
      { facts: { ...onTheCase, municipality: 'Assen' }, day: '2026-12-01' },
      { facts: onTheCase, day: '2026-11-01' },
    ];
    for (const { facts: given, day } of cases) {
      expect(decideInvolvementNotice(policy, { recipient: AGENCY.ashg, involved: AGENCY.politie, facts: given, at: onDay(day) }).decision.effect).toBe('deny');
    }
  });

  test('the AMK is not told of Bureau Jeugdzorg: no covenant lets it see that involvement', () => {
    expect(decideInvolvementNotice(policy, { recipient: AGENCY.amk, involved: AGENCY.bjz, facts: onTheCase, at: onDay('2026-12-01') }).decision.effect).toBe('deny');
  });

  test('the notice is allowed exactly when the read would be, for some purpose of the recipient (every kind pair)', () => {
    const agencies = Object.values(AGENCY);
    const purposes = [...new Set(policy.grants.flatMap((grant) => [...grant.purposes]))];
    for (const recipient of agencies) {
      for (const involved of agencies) {
        if (recipient === involved) continue;
        const notice = decideInvolvementNotice(policy, { recipient, involved, facts: onTheCase, at: onDay('2026-12-01') }).decision.effect;
        const anyRead = purposes.some((purpose) => evaluate(policy, {
          viewer: recipient, purpose, owner: involved, facts: onTheCase, coordinate: 'Involvement.agency', at: onDay('2026-12-01'),
        }).effect === 'allow');
        expect(notice, `${recipient.agencyId} told of ${involved.agencyId}`).toBe(anyRead ? 'allow' : 'deny');
      }
    }
  });
});
