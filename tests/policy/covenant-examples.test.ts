/** Every worked example a covenant carries runs against the whole compiled policy. */
import { describe, expect, test } from 'vitest';
import { evaluate } from '#src/policy/evaluate.ts';
import { loadRealPolicy, onDay } from './fixtures.ts';

const { loaded, policy } = await loadRealPolicy();
const examples = loaded.covenants.flatMap((covenant) => covenant.examples.map((example) => ({ covenant: covenant.key, ...example })));

describe('covenant examples', () => {
  test('every covenant version carries an allowing and a denying example', () => {
    for (const covenant of loaded.covenants) {
      const outcomes = new Set(covenant.examples.map((example) => example.expected));
      expect({ covenant: covenant.key, outcomes: [...outcomes].sort() }).toEqual({ covenant: covenant.key, outcomes: ['allow', 'deny'] });
    }
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  test.each(examples.map((example) => [`${example.covenant}: ${example.name}`, example] as const))('%s', (_name, example) => {
    const decision = evaluate(policy, {
      viewer: example.viewer, owner: example.owner, purpose: example.purpose, facts: example.facts,
      coordinate: example.coordinate, at: onDay(example.date),
    });
    expect(decision.effect, `${example.source.file}:${example.source.line}`).toBe(example.expected);
    if (example.reason) expect(decision.reason, `${example.source.file}:${example.source.line}`).toBe(example.reason);
  });
});
