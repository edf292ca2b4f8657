/**
 * The access matrix over time (issue 11): who exists on the day, whose records another controls, and
 * a grant binding a named party only while that party exists.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { buildAccessMatrix, cellOf } from '#src/workbench/matrix.ts';
import { matrixToHtml } from '#src/workbench/matrix-html.ts';
import { matrixToMarkdown } from '#src/workbench/matrix-markdown.ts';
import { compileFolder } from '../../scripts/policy-source.ts';
import { compileReal, covenantsWith } from './fixtures.ts';

const cleanups: (() => void)[] = [];
afterAll(() => { for (const cleanup of cleanups) cleanup(); });

/** A covenant binding the AMK Drenthe by name, from before the merger to long after it. */
const DRENTHE_PROTOCOL = `id: drenthe-politie-amk
version: 1
title: Zorgmeldingen aan het AMK Drenthe
parties:
  - agencyKind: POLITIE
    agencyId: politie-noord-nederland
    role: Doet zorgmeldingen
  - agencyKind: AMK
    agencyId: amk-drenthe
    role: Ontvangt zorgmeldingen
purposes: [child-abuse-assessment]
legalBasis:
  - article: AVG art. 6 lid 1 sub e
    text: Taak van algemeen belang.
regions: [drenthe]
validFrom: 2010-01-01
validTo: 2030-12-31
grants:
  - id: amk-reads-zorgmeldingen
    article: art. 1
    viewerKinds: [AMK]
    ownerKinds: [POLITIE]
    purposes: [child-abuse-assessment]
    coordinates: [Report.narrative]
    conditions:
      - inCovenantRegion: true
`;

describe('the access matrix over time', () => {
  test('lists who exists on the day and whose records another organisation controls', async () => {
    const { policy } = await compileReal();
    const before = buildAccessMatrix(policy, { at: '2014-06-01' });
    const after = buildAccessMatrix(policy, { at: '2026-06-01' });
    const on = (matrix: typeof before, id: string) => matrix.organisations.find((organisation) => organisation.id === id)!;
    expect(on(before, 'amk-drenthe')).toMatchObject({ exists: true, controller: 'amk-drenthe' });
    expect(on(before, 'veilig-thuis-drenthe')).toMatchObject({ exists: false, controller: 'veilig-thuis-drenthe' });
    expect(on(after, 'amk-drenthe')).toMatchObject({ exists: false, controller: 'veilig-thuis-drenthe' });
    expect(on(after, 'bjz-amsterdam')).toMatchObject({ exists: false, controller: 'jeugdbescherming-regio-amsterdam' });
    expect(on(after, 'veilig-thuis-drenthe').exists).toBe(true);
    const markdown = matrixToMarkdown(after);
    expect(markdown).toContain('## Successions in effect on 2026-06-01');
    expect(markdown).toMatch(/AMK Drenthe \(Bureau Jeugdzorg Drenthe\) \(amk-drenthe\) ended 2014-12-31: the records it created are decided on as Veilig Thuis Drenthe's \(veilig-thuis-drenthe\)/);
    expect(matrixToMarkdown(before)).toMatch(/## Successions in effect on 2014-06-01\n\nNone\./);
    const html = matrixToHtml(after);
    expect(html).toContain('<h2>Successions in effect on 2026-06-01</h2>');
    // The owner-only mark is a text symbol (U+2298), not the padlock emoji an emoji-less system shows as a box.
    expect(html).toContain('&#8856; owner only');
    expect(html.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  test('a grant binds a named party only on the days it exists', async () => {
    const copy = covenantsWith({ 'drenthe-politie-amk.v1.yaml': DRENTHE_PROTOCOL });
    cleanups.push(copy.cleanup);
    const { policy } = await compileFolder(copy.dir);
    const cell = (day: string) => cellOf(buildAccessMatrix(policy, { at: day, region: 'drenthe' }), 'AMK', 'POLITIE', 'Report.narrative');
    expect(cell('2014-06-01')).toMatchObject({ status: 'ALLOWED', grants: [expect.objectContaining({ id: 'drenthe-politie-amk@1#amk-reads-zorgmeldingen' })] });
    expect(cell('2026-06-01').status).toBe('DENIED');
  });
});
