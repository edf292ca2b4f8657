/**
 * Validates HTTP answers against an OpenAPI 3.1 document: the operation must declare the status and the
 * media type, and the body must match its schema (JSON Schema 2020-12, through Ajv; `$ref`s resolve inside
 * the document). Used by the conformance tests that hold each agency mock to its contract.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

export interface OpenApiAnswer {
  readonly method: string;
  /** The path template as the document writes it, e.g. `/api/v1/dossiers/{dossiernummer}`. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
}

export interface OpenApiValidator {
  readonly document: OpenApiDocument;
  /** The problems of an answer; empty when it conforms. */
  problems(answer: OpenApiAnswer): string[];
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { responses: Record<string, Reference | ResponseObject> }>>;
  readonly components?: { responses?: Record<string, ResponseObject> };
}
interface Reference { readonly $ref: string }
interface ResponseObject { readonly content?: Record<string, { schema?: unknown }> }

const pointerSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export function createOpenApiValidator(file: string): OpenApiValidator {
  const document = parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  // strict off: the document also holds OpenAPI's own keywords (paths, info, descriptions...).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  ajv.addSchema(document as object, 'openapi');
  const compiled = new Map<string, ValidateFunction>();

  function schemaAt(pointer: string): ValidateFunction {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  }

  return {
    document,
    problems(given) {
      // OpenAPI cannot declare "any other method": a 405 is held to the 405 the path declares on its operation.
      const declared405 = Object.keys(document.paths[given.path] ?? {}).find((method) => document.paths[given.path]?.[method]?.responses['405']);
      const answer = given.status === 405 && declared405 ? { ...given, method: declared405 } : given;
      const operation = document.paths[answer.path]?.[answer.method.toLowerCase()];
      if (!operation) return [`${answer.method} ${answer.path} is not in the document`];
      const key = String(answer.status);
      let response = operation.responses[key];
      let pointer = ['', 'paths', answer.path, answer.method.toLowerCase(), 'responses', key].map(pointerSegment).join('/');
      if (!response) return [`${answer.method} ${answer.path} does not declare status ${key}`];
      if ('$ref' in response) {
        pointer = response.$ref.slice(1);
        const name = response.$ref.split('/').pop() ?? '';
        response = document.components?.responses?.[name] ?? {};
      }
      const mediaType = (answer.contentType ?? '').split(';')[0]?.trim() ?? '';
      const media = (response as ResponseObject).content?.[mediaType];
      if (!media) return [`${answer.method} ${answer.path} ${key} does not declare media type ${JSON.stringify(mediaType)}`];
      if (media.schema === undefined) return [];
      let body: unknown = answer.body;
      if (/[/+]json$/.test(mediaType)) {
        try {
          body = JSON.parse(answer.body);
        } catch {
          return [`${answer.method} ${answer.path} ${key}: body is not JSON`];
        }
      }
      const validate = schemaAt(`${pointer}/content/${pointerSegment(mediaType)}/schema`);
      if (validate(body)) return [];
      return (validate.errors ?? []).map((error) => `${answer.method} ${answer.path} ${key}: ${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
    },
  };
}

/** The document's operations as `METHOD path` lines, sorted. */
export function operationsOf(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)).sort();
}
