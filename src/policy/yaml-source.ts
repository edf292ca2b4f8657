/**
 * Internal to src/policy.
 * Parses one YAML file keeping track of lines, so every configuration error can name `file:line`.
 * Aliases (`*anchor`) are followed for the data; a path through an alias is located at the alias.
 */
import { LineCounter, isNode, parseDocument } from 'yaml';

export type DataPath = readonly (string | number)[];

export interface YamlSource {
  readonly file: string;
  /** The parsed data; undefined when the file did not parse. */
  readonly data: unknown;
  /** YAML syntax errors, as `file:line: message`. */
  readonly errors: readonly string[];
  /** 1-based line of the value at `path`, or of its nearest existing ancestor. */
  lineOf(path: DataPath): number;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const errors = doc.errors.map((error) => `${file}:${error.linePos?.[0].line ?? 1}: ${firstLine(error.message)}`);
  const lineOf = (path: DataPath): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { file, data: errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 1000 }), errors, lineOf };
}

/** JSON Pointer (`/grants/0/id`, as ajv reports it) to a path; digits index sequences. */
export function pointerToPath(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((segment) => {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
  });
}

/** The message without the excerpt and position the yaml package appends (we give file:line ourselves). */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
