/** Every worked example of an act a covenant carries runs against the whole compiled policy (decideAct). */
import { describe, expect, test } from 'vitest';
import { ACT_DECISION_REASONS, decideAct } from '#src/policy/index.ts';
import { loadRealPolicy, onDay } from './fixtures.ts';

const { loaded, policy } = await loadRealPolicy();
const examples = loaded.covenants.flatMap((covenant) => covenant.actExamples.map((example) => ({ covenant: covenant.key, ...example })));

describe('covenant act examples', () => {
  test('every covenant version with act grants carries an allowing and a refusing act example', () => {
    for (const covenant of loaded.covenants.filter((candidate) => candidate.acts.length > 0)) {
      const outcomes = new Set(covenant.actExamples.map((example) => example.expected));
      expect({ covenant: covenant.key, outcomes: [...outcomes].sort() }).toEqual({ covenant: covenant.key, outcomes: ['allow', 'deny'] });
    }
  });

  test('together they pin every reason, and scenario 6 is among the refusals', () => {
    expect(new Set(examples.map((example) => example.reason))).toEqual(new Set(ACT_DECISION_REASONS));
    expect(examples.some((example) => example.name.includes('scenario 6') && example.expected === 'deny')).toBe(true);
  });

  test.each(examples.map((example) => [`${example.covenant}: ${example.name}`, example] as const))('%s', (_name, example) => {
    const where = `${example.source.file}:${example.source.line}`;
    const decision = decideAct(policy, {
      act: example.act, referralKind: example.referralKind, sender: example.sender, receiver: example.receiver,
      purpose: example.purpose, facts: example.facts, at: onDay(example.date),
    });
    expect(decision.allowed ? 'allow' : 'deny', where).toBe(example.expected);
    if (example.reason) expect(decision.reason, where).toBe(example.reason);
    for (const coordinate of example.travels) expect(decision.coordinates.has(coordinate), `${where}: ${coordinate} travels`).toBe(true);
    for (const coordinate of example.staysBehind) expect(decision.coordinates.has(coordinate), `${where}: ${coordinate} stays behind`).toBe(false);
    // DOMAIN rule 7, whatever the example says.
    for (const coordinate of decision.coordinates) expect(policy.ownerOnlyCoordinates.has(coordinate), `${where}: ${coordinate}`).toBe(false);
  });
});
