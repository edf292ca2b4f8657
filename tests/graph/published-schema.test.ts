/**
 * schema.graphql is the schema the gateway serves, printed now; `npm run schema:diff` fails on a breaking
 * change against its base unless a Schema-Breaking: trailer acknowledges it, and passes, saying so, where
 * there is no base to compare with.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, getNamedType, isInputObjectType, isInterfaceType, isObjectType, isUnionType,
  type GraphQLNamedType, type IntrospectionQuery,
} from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestGateway } from '../support/test-gateway.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

it('schema.graphql is fresh', () => {
  const output = execFileSync(process.execPath, ['scripts/schema-print.ts', '--check'], { encoding: 'utf8', cwd: ROOT });
  expect(output).toContain('matches');
}, 30_000);

it('schema.graphql is the whole schema: every caller is served a part of it, and the parts together make it up', async () => {
  const gateway = await startTestGateway();
  try {
    const published = buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
    const servedCoordinates = new Set<string>();
    const callers = [
      { agencyId: 'ashg-groningen', purpose: 'case-conference' }, { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' },
      { agencyId: 'politie-noord-nederland', purpose: 'zorgmelding-feedback' }, { agencyId: 'bjz-groningen', purpose: 'early-intervention' },
      { agencyId: 'wijkteam-groningen', purpose: 'neighbourhood-support' }, { agencyId: 'amk-groningen', purpose: 'privacy-audit', role: 'privacy-officer' },
    ];
    for (const caller of callers) {
      const response = await gateway.query(caller, getIntrospectionQuery());
      expect(response.status).toBe(200);
      const served = buildClientSchema(response.body.data as unknown as IntrospectionQuery);
      for (const type of Object.values(served.getTypeMap())) {
        if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
        const whole = published.getType(type.name);
        expect(whole, type.name).toBeDefined();
        const wholeFields = (whole as typeof type).getFields() as Record<string, { type: unknown }>;
        for (const [name, field] of Object.entries(type.getFields() as Record<string, { type: unknown }>)) {
          expect(String(wholeFields[name]?.type), `${type.name}.${name} as ${caller.agencyId}`).toBe(String(field.type));
          servedCoordinates.add(`${type.name}.${name}`);
        }
      }
    }
    // Nothing reachable in schema.graphql that no caller is ever served (the officers' queries came with the
    // officer). Types no query reaches (Redaction: the shape of `extensions.redactions`) are documentation.
    const reachable = new Set<string>();
    const walk = (type: GraphQLNamedType): void => {
      if (reachable.has(type.name) || !(isObjectType(type) || isInterfaceType(type) || isUnionType(type))) return;
      reachable.add(type.name);
      if (isUnionType(type)) return type.getTypes().forEach(walk);
      if (isInterfaceType(type)) published.getPossibleTypes(type).forEach(walk);
      for (const field of Object.values(type.getFields())) walk(getNamedType(field.type));
    };
    walk(published.getQueryType()!);
    const unserved = Object.values(published.getTypeMap())
      .filter((type) => reachable.has(type.name) && (isObjectType(type) || isInterfaceType(type)))
      .flatMap((type) => Object.keys((type as { getFields(): Record<string, unknown> }).getFields()).map((name) => `${type.name}.${name}`))
      .filter((coordinate) => !servedCoordinates.has(coordinate));
    expect(unserved).toEqual([]);
  } finally {
    await gateway.close();
  }
}, 60_000);

describe('npm run schema:diff', { timeout: 60_000 }, () => {
  const repo = mkdtempSync(join(tmpdir(), 'ketenpoort-schema-diff-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  const commit = (file: string, text: string, message: string) => {
    mkdirSync(join(repo, file, '..'), { recursive: true });
    writeFileSync(join(repo, file), text);
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/schema-diff.ts'), ...args], { cwd: repo, env, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const V1 = 'type Query {\n  household(id: ID!): Household\n}\n\ntype Household {\n  id: ID!\n  municipality: String\n}\n';

  it('passes, saying so, on a single-commit history', () => {
    git('init', '-q', '-b', 'main');
    commit('schema.graphql', V1, 'first');
    const { status, output } = run();
    expect(status).toBe(0);
    expect(output).toMatch(/HEAD~1 is not in this clone.*passing/);
  });

  it('reports a safe change on a branch and passes', () => {
    git('checkout', '-q', '-b', 'feature');
    commit('schema.graphql', V1.replace('municipality: String', 'municipality: String\n  caseReference: String'), 'add caseReference');
    const { status, output } = run();
    expect(status).toBe(0);
    expect(output).toContain('against main');
    expect(output).toMatch(/safe \(1\):\n.*caseReference/);
  });

  it('fails on a breaking change, until a Schema-Breaking: trailer acknowledges it', () => {
    commit('schema.graphql', V1.replace('municipality: String', 'caseReference: String'), 'drop municipality');
    const refused = run();
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/breaking \(1\):\n.*municipality/);
    commit('NOTES', 'x', 'Note the removal\n\nSchema-Breaking: municipality moved to Address, agreed with the agencies');
    const acknowledged = run();
    expect(acknowledged.status).toBe(0);
    expect(acknowledged.output).toContain('acknowledged by Schema-Breaking: municipality moved to Address');
  });

  it('on main compares with the last commit; --base names another', () => {
    git('checkout', '-q', 'main');
    commit('schema.graphql', V1.replace('id: ID!', 'id: String!'), 'retype id');
    expect(run()).toMatchObject({ status: 1, output: expect.stringContaining('against HEAD~1') });
    expect(run('--base', 'HEAD')).toMatchObject({ status: 0, output: expect.stringContaining('no changes') });
    expect(run('--base', 'nowhere')).toMatchObject({ status: 0, output: expect.stringContaining('nowhere is not in this clone') });
  });

  it('reads a base from before schema.graphql from its schema/*.graphql', () => {
    git('checkout', '-q', '--orphan', 'old');
    git('rm', '-q', '-r', '--cached', '.');
    rmSync(join(repo, 'schema.graphql'));
    rmSync(join(repo, 'NOTES'), { force: true });
    commit('schema/query.graphql', 'type Query {\n  household(id: ID!): Household\n  households: [Household!]!\n}\n', 'split schema');
    commit('schema/household.graphql', 'type Household {\n  id: ID!\n}\n', 'household');
    git('checkout', '-q', '-b', 'published');
    commit('schema.graphql', 'type Query {\n  household(id: ID!): Household\n}\n\ntype Household {\n  id: ID!\n}\n', 'publish');
    const { status, output } = run('--base', 'old');
    expect(status).toBe(1);
    expect(output).toMatch(/breaking \(1\):\n.*households/);
  });
});
