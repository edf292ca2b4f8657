/**
 * Agreement.renewalPeriodMonths and Agreement.supersededFrom: what the console's timeline draws a
 * version's tacit renewal and its end by, as the policy engine counts them (src/policy/validity.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway(); });
afterAll(async () => gateway?.close());

describe('an agreement version\'s renewal and supersession', () => {
  it.each([
    ['groningen-ashg-amk@1', { tacitRenewal: false, renewalPeriodMonths: null, supersededBy: 'groningen-ashg-amk@2', supersededFrom: '2026-01-01' }],
    // Renewed tacitly after 2026-12-31, by 12 months, until version 3 takes effect on 1 March 2027.
    ['groningen-ashg-amk@2', { tacitRenewal: true, renewalPeriodMonths: 12, supersededBy: 'groningen-ashg-amk@3', supersededFrom: '2027-03-01' }],
    ['groningen-ashg-amk@3', { tacitRenewal: true, renewalPeriodMonths: 12, supersededBy: null, supersededFrom: null }],
    ['vroegsignalering-0-18@1', { tacitRenewal: false, renewalPeriodMonths: null, supersededBy: null, supersededFrom: null }],
  ])('%s', async (key, expected) => {
    const [id, version] = key.split('@');
    const response = await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' },
      'query($id: ID!, $version: Int) { agreement(id: $id, version: $version) { key tacitRenewal renewalPeriodMonths supersededBy supersededFrom } }',
      { id, version: Number(version) });
    expect(response.body).toEqual({ data: { agreement: { key, ...expected } } });
  });
});
