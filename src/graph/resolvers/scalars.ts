/** Date and DateTime: ISO 8601 strings, checked on the way in. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function scalar(name: string, pattern: RegExp, description: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !pattern.test(value) || Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value))) {
      throw new GraphQLError(`${name} must be ${description}.`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: (value) => value,
    parseValue: check,
    parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const scalarResolvers = {
  Date: scalar('Date', /^\d{4}-\d{2}-\d{2}$/, 'a date written yyyy-mm-dd'),
  DateTime: scalar('DateTime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'an ISO 8601 date-time with offset'),
};
