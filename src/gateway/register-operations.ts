/**
 * Adds client documents to a trusted-documents manifest (trusted-documents.ts), as
 * `npm run operations:register` does: each document is kept verbatim (a client sends exactly that
 * text, or its hash), must hold at least one operation and validate against the schema the
 * organisation's callers get, so what is registered can run. Pure: the script does the files.
 */
import { GraphQLError, Kind, parse, validate, type GraphQLSchema } from 'graphql';
import { sha256Hex, type Manifest } from './trusted-documents.ts';

export interface ClientDocument {
  /** Where it came from, for messages (a file path). */
  readonly name: string;
  readonly text: string;
}

export interface Registration {
  /** The manifest with the documents added, keys sorted (a stable diff in review). */
  readonly manifest: Manifest;
  readonly added: readonly { readonly name: string; readonly hash: string }[];
  /** Why a document was not added; nothing is written when there is any. */
  readonly errors: readonly string[];
}

export function registerOperations(manifest: Manifest, documents: readonly ClientDocument[], schema: GraphQLSchema): Registration {
  const next: Record<string, string> = { ...manifest };
  const added: { name: string; hash: string }[] = [];
  const errors: string[] = [];
  for (const document of documents) {
    let problems: readonly string[];
    try {
      const parsed = parse(document.text);
      problems = parsed.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)
        ? validate(schema, parsed).map((error) => error.message)
        : ['holds no operation'];
    } catch (error) {
      problems = [error instanceof GraphQLError ? error.message : String(error)];
    }
    if (problems.length > 0) {
      errors.push(...problems.map((problem) => `${document.name}: ${problem}`));
      continue;
    }
    const hash = sha256Hex(document.text);
    next[hash] = document.text;
    added.push({ name: document.name, hash });
  }
  const sorted = Object.fromEntries(Object.keys(next).sort().map((hash) => [hash, next[hash]!]));
  return { manifest: Object.freeze(sorted), added, errors };
}
