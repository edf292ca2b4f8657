// The console's only way to the gateway: POST /graphql with the token and purpose privacy-audit. The
// token lives in this closure only (never in storage, never in a URL).

export const PURPOSE = 'privacy-audit';

/** An error the gateway returned, with its code (FORBIDDEN, PURPOSE_NOT_PERMITTED, ...). */
export class GraphQLFailure extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function createClient(token, endpoint = '/graphql') {
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
    let body;
    try {
      body = await response.json();
    } catch {
      throw new GraphQLFailure(`HTTP_${response.status}`, `The gateway answered HTTP ${response.status} without a GraphQL body.`);
    }
    const error = body.errors?.[0];
    if (error) throw new GraphQLFailure(error.extensions?.code ?? `HTTP_${response.status}`, error.message);
    return body.data;
  };
}
