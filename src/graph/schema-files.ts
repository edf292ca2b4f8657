/** The SDL contract: every `schema/*.graphql`, in name order. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCHEMA_DIR = new URL('../../schema/', import.meta.url).pathname;

export function loadTypeDefs(dir: string = SCHEMA_DIR): string[] {
  return readdirSync(dir).filter((file) => file.endsWith('.graphql')).sort().map((file) => readFileSync(join(dir, file), 'utf8'));
}
