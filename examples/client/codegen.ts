import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The example client's types, made by graphql-codegen's client preset from the published schema
 * (schema.graphql, `npm run schema:print`) and the operations in examples/client/*.ts, as an agency's developer
 * would make them. `npm run codegen` writes examples/client/gql/; `npm run codegen:check` checks it is fresh.
 * The documents are typed strings (documentMode: string): the client needs no GraphQL library at run time, and
 * the generated files run as they are under Node's type stripping (type-only imports, `.ts` extensions).
 */
// KETENPOORT_CODEGEN_OUT lets `npm run codegen:check` generate into a scratch folder and compare.
const outDir = process.env.KETENPOORT_CODEGEN_OUT ?? 'examples/client/gql';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/client/*.ts', '!examples/client/codegen.ts'],
  ignoreNoDocuments: false,
  generates: {
    [`${outDir}/`]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        importExtension: '.ts',
        scalars: { Date: 'string', DateTime: 'string', ID: 'string' },
      },
    },
  },
};

export default config;
