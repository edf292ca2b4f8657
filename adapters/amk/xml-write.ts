/** Writing XML in the AMK's SOAP dialect: element names qualified with a prefix, every value escaped. */
import { XMLBuilder } from 'fast-xml-parser';
import { isObject } from './soap-xml.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

/** Qualifies a plain tree's element names with `prefix`, dropping null and undefined (absent elements). */
export function qualify(tree: unknown, prefix: string): unknown {
  if (Array.isArray(tree)) return tree.filter((item) => item !== null && item !== undefined).map((item) => qualify(item, prefix));
  if (!isObject(tree)) return tree;
  const qualified: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (value === null || value === undefined) continue;
    qualified[key.startsWith('@_') || key === '#text' ? key : `${prefix}:${key}`] = qualify(value, prefix);
  }
  return qualified;
}

/** Writes a tree of qualified names as a UTF-8 XML document; text and attribute values are escaped. */
export function buildDocument(tree: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build(tree) as string}`;
}
