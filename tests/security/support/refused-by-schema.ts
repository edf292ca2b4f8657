/**
 * A query that names a field outside the caller's schema (src/graph/schema-variants.ts) fails
 * validation as a whole: 400, GRAPHQL_VALIDATION_FAILED, no data at all, and no "Did you mean" that
 * would name a field of someone else's schema.
 */
import { expect } from 'vitest';
import type { GraphQLResponse } from '../../support/test-gateway.ts';

export function expectRefusedBySchema(response: GraphQLResponse, field?: { type: string; field: string }): void {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.data ?? null).toBeNull();
  const errors = response.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).not.toMatch(/did you mean/i);
  }
  if (field) expect(errors.map((error) => error.message)).toContain(`Cannot query field "${field.field}" on type "${field.type}".`);
}
