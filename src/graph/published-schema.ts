/**
 * The schema as consumers get it (`schema.graphql` at the repository root, `npm run schema:print`): the very
 * schema the gateway serves, built by buildSchema from schema/*.graphql, printed in lexicographic order so the
 * file only changes when the contract does.
 */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from './schema.ts';

export const PUBLISHED_SCHEMA_HEADER = '# Generated from schema/*.graphql by `npm run schema:print`. Do not edit; see docs/schema.md.\n';

export function printPublishedSchema(): string {
  // The policy's field wrapping changes resolvers, never the type system, so the printed contract needs no
  // compiled policy: every coordinate counts as public here, which only skips the wrapping.
  const schema = buildSchema({ isPublic: () => true });
  return `${PUBLISHED_SCHEMA_HEADER}\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
