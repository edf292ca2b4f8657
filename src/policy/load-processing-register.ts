/**
 * Loads `covenants/processing-activities.yaml`, the register of processing activities, against its JSON
 * Schema and then against what the gateway knows: the organisations (organisations.yaml), the purposes and the
 * covenants. Every problem is reported together, each as `file:line: message`, in a
 * ProcessingRegisterError, so start-up fails naming them all.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { schemaErrors } from './covenant-json-schema.ts';
import type { Covenant, LegalBasis, PurposeDef } from './covenant-types.ts';
import { ProcessingRegisterError } from './errors.ts';
import { at, ref } from './load-shared-files.ts';
import {
  ALWAYS_DECLARABLE_PURPOSES, createProcessingRegister, PROCESSING_REGISTER_FILE, type ProcessingActivity, type ProcessingRegister, type RegisterOrganisation,
} from './processing-register.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

export const PROCESSING_REGISTER_SCHEMA_FILE = 'processing-activities.schema.json';

export interface ProcessingRegisterContext {
  /** The configured agencies: the register names these and only these. */
  readonly organisations: readonly RegisterOrganisation[];
  readonly purposes: readonly PurposeDef[];
  /** Every loaded covenant version: a purpose one grants an organisation must map to an activity of it. */
  readonly covenants: readonly Covenant[];
}

interface RawActivity { id: string; version: number; name: string; controller: string; legalBasis: LegalBasis[]; purposes: string[] }
interface RawOrganisation { agencyId: string; activities: RawActivity[] }

export async function loadProcessingRegister(dir: string, context: ProcessingRegisterContext): Promise<ProcessingRegister> {
  const jsonSchema = JSON.parse(await readFile(join(dir, PROCESSING_REGISTER_SCHEMA_FILE), 'utf8')) as object;
  const name = join(dir, PROCESSING_REGISTER_FILE);
  let text: string;
  try {
    text = await readFile(name, 'utf8');
  } catch {
    throw new ProcessingRegisterError([`${name}:1: missing; every request's audit entries name a processing activity from it`]);
  }
  return parseProcessingRegister({ jsonSchema, file: { name, text }, ...context });
}

/** The pure part of loadProcessingRegister: the same checks on a text already read. */
export function parseProcessingRegister(input: ProcessingRegisterContext & { jsonSchema: object; file: { readonly name: string; readonly text: string } }): ProcessingRegister {
  const source = parseYamlSource(input.file.name, input.file.text);
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const invalid = source.errors.length > 0 ? source.errors : schemaErrors(ajv.compile(input.jsonSchema), source);
  if (invalid.length > 0) throw new ProcessingRegisterError(invalid);
  const errors: string[] = [];
  const activities = buildActivities(source, input, errors);
  if (errors.length > 0) throw new ProcessingRegisterError(errors);
  return createProcessingRegister(activities);
}

function buildActivities(source: YamlSource, context: ProcessingRegisterContext, errors: string[]): ProcessingActivity[] {
  const raw = (source.data as { organisations: RawOrganisation[] }).organisations;
  const kinds = new Map(context.organisations.map((organisation) => [organisation.id, organisation.kind]));
  const knownPurposes = new Set(context.purposes.map((purpose) => purpose.code));
  const listed = new Map<string, number>();
  const ids = new Map<string, string>();
  const activities: ProcessingActivity[] = [];
  raw.forEach((organisation, o) => {
    const agencyId = organisation.agencyId;
    const where = at(source, ['organisations', o, 'agencyId']);
    if (!kinds.has(agencyId)) {
      errors.push(`${where}: unknown organisation "${agencyId}" (not in covenants/organisations.yaml: ${[...kinds.keys()].join(', ')})`);
      return;
    }
    if (listed.has(agencyId)) {
      errors.push(`${where}: organisation "${agencyId}" is listed twice (first at line ${listed.get(agencyId)})`);
      return;
    }
    listed.set(agencyId, source.lineOf(['organisations', o, 'agencyId']));
    // Which activity each of the organisation's purposes maps to, and where that was written.
    const mapped = new Map<string, { id: string; line: number }>();
    organisation.activities.forEach((activity, a) => {
      const path = ['organisations', o, 'activities', a] as const;
      if (!activity.id.startsWith(`${agencyId}/`)) {
        errors.push(`${at(source, [...path, 'id'])}: activity "${activity.id}" of ${agencyId} must be named "${agencyId}/<activity>"`);
      }
      if (ids.has(activity.id)) errors.push(`${at(source, [...path, 'id'])}: activity "${activity.id}" is defined twice (first at ${ids.get(activity.id)})`);
      else ids.set(activity.id, at(source, [...path, 'id']));
      activity.purposes.forEach((purpose, p) => {
        const line = source.lineOf([...path, 'purposes', p]);
        const previous = mapped.get(purpose);
        if (!knownPurposes.has(purpose)) errors.push(`${source.file}:${line}: unknown purpose "${purpose}" (covenants/purposes.yaml)`);
        else if (previous) {
          errors.push(`${source.file}:${line}: purpose "${purpose}" of ${agencyId} is mapped twice: to ${previous.id} (line ${previous.line}) and to ${activity.id}`);
        } else mapped.set(purpose, { id: activity.id, line });
      });
      activities.push({
        id: activity.id, version: activity.version, key: `${activity.id}@${activity.version}`, organisation: agencyId,
        name: activity.name, controller: activity.controller, legalBasis: activity.legalBasis, purposes: activity.purposes, source: ref(source, path),
      });
    });
    for (const { purpose, why } of declarablePurposes({ id: agencyId, kind: kinds.get(agencyId)! }, context.covenants)) {
      if (!mapped.has(purpose) && knownPurposes.has(purpose)) errors.push(`${where}: ${agencyId} maps no processing activity to purpose "${purpose}", ${why}`);
    }
  });
  for (const organisation of context.organisations) {
    if (!listed.has(organisation.id)) {
      errors.push(`${at(source, ['organisations'])}: the organisation ${organisation.id} has no processing activities in the register`);
    }
  }
  return activities;
}

/**
 * The purposes an organisation's callers may declare and be granted something under: own-records and
 * privacy-audit always, and each purpose a grant of a covenant the organisation is a party to gives its
 * kind. With the reason, for the message when one is not mapped.
 */
function declarablePurposes(organisation: RegisterOrganisation, covenants: readonly Covenant[]): { purpose: string; why: string }[] {
  const found = new Map<string, string>(ALWAYS_DECLARABLE_PURPOSES.map((purpose) => [purpose, 'which every organisation\'s callers may declare']));
  for (const covenant of covenants) {
    const party = covenant.parties.some((p) => p.agencyKind === organisation.kind && (p.agencyId === null || p.agencyId === organisation.id));
    if (!party) continue;
    for (const grant of covenant.grants) {
      if (!grant.viewerKinds.includes(organisation.kind)) continue;
      for (const purpose of grant.purposes) {
        if (!found.has(purpose)) found.set(purpose, `which ${covenant.key} ${grant.article} (${grant.id}) grants ${organisation.kind}`);
      }
    }
  }
  return [...found].map(([purpose, why]) => ({ purpose, why }));
}
