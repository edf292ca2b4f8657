/**
 * A small typed GraphQL client over fetch: the result type and the variables come from the document, so a
 * query that asks for a field the schema lacks, or passes a wrong variable, fails the typecheck.
 */
import type { TypedDocumentString } from './gql/graphql.ts';

export interface GatewayClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  readonly url: string;
  /** A bearer token from the calling agency's identity provider (in development: `npm run token`). */
  readonly token: string;
  /** The purpose the request is made for (X-Purpose); it must be among the token's purposes. */
  readonly purpose: string;
}

/** One error as the gateway reports it; `code` is one of docs/errors.md. */
export interface GatewayError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly agency?: string } & Record<string, unknown>;
}

export interface Redaction {
  readonly path: readonly (string | number)[];
  readonly coordinate: string;
  readonly reason: string;
  readonly decisionId: string;
}

export interface GatewayResult<TResult> {
  readonly status: number;
  /** null when the request was refused before execution (see errors). */
  readonly data: TResult | null;
  readonly errors: readonly GatewayError[];
  /** Fields the covenants withhold from this caller come back null and are listed here. */
  readonly redactions: readonly Redaction[];
}

export function createGatewayClient(options: GatewayClientOptions) {
  return {
    async execute<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<GatewayResult<TResult>> {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${options.token}`,
          'x-purpose': options.purpose,
        },
        body: JSON.stringify({ query: document.toString(), variables }),
      });
      const body = (await response.json()) as { data?: TResult | null; errors?: GatewayError[]; extensions?: { redactions?: Redaction[] } };
      return { status: response.status, data: body.data ?? null, errors: body.errors ?? [], redactions: body.extensions?.redactions ?? [] };
    },
  };
}
