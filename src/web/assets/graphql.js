// @ts-check
// The console's only way to the gateway: POST /graphql with the token and purpose privacy-audit. The
// token lives in this closure only (never in storage, never in a URL).

export const PURPOSE = 'privacy-audit';

/**
 * A query text, with the shape of the `data` it returns for the type checker (queries.js declares each).
 * At run time it is just the string.
 * @template T
 * @typedef {string & { readonly __data?: T }} Query
 */

/**
 * A GraphQL response body, as far as the console reads it.
 * @template T
 * @typedef {object} ResponseBody
 * @property {T | null} [data]
 * @property {{ message: string, extensions?: { code?: string } }[]} [errors]
 */

/** The request function a client is: `await request(QUERY, variables)` is that query's `data`. */
/** @typedef {ReturnType<typeof createClient>} Request */

/** An error the gateway returned, with its code (FORBIDDEN, PURPOSE_NOT_PERMITTED, ...). */
export class GraphQLFailure extends Error {
  /**
   * @param {string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * @param {string} token
 * @param {string} [endpoint]
 */
export function createClient(token, endpoint = '/graphql') {
  /**
   * @template T
   * @param {Query<T>} query
   * @param {Record<string, unknown>} [variables]
   * @returns {Promise<T>}
   */
  return async function request(query, variables = {}) {
    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': PURPOSE },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new GraphQLFailure('NETWORK', 'The gateway could not be reached.');
    }
    /** @type {ResponseBody<T> | null} */
    let body;
    try {
      body = await response.json();
    } catch {
      throw new GraphQLFailure(`HTTP_${response.status}`, `The gateway answered HTTP ${response.status} without a GraphQL body.`);
    }
    const error = body?.errors?.[0];
    if (error) throw new GraphQLFailure(error.extensions?.code ?? `HTTP_${response.status}`, error.message);
    // Neither errors nor data (a proxy's JSON, say): say so, rather than fail later on the missing data.
    if (body?.data == null) throw new GraphQLFailure(`HTTP_${response.status}`, `The gateway answered HTTP ${response.status} without data.`);
    return body.data;
  };
}
