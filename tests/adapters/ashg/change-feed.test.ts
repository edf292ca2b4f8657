/**
 * The ASHG change feed's edges: the page check (a table), the client's requests and statuses under nock,
 * and the mock's change log keeping only so many changes.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAshgAdapter } from '#adapters/ashg/index.ts';
import { readChangePage } from '#adapters/ashg/change-page.ts';
import { createAshgChangeLog } from '#adapters/ashg/mock-changes.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { nockedRecordingHttp } from './recording-http.ts';
import { testContext, testScope } from './context.ts';
import { dossier, expectedHousehold } from './wire-samples.ts';

const BASE = 'http://ashg.test';
const KEY = 'test-key';
const JSON_HEADERS = { 'content-type': 'application/json' };
const FEED = '/api/v1/dossiers/wijzigingen';

const change = (volgnummer: number, dossiernummer = 'D-2026-000101', soort = 'gewijzigd') => ({ volgnummer, dossiernummer, soort });

describe('readChangePage: a page must answer the request it came for', () => {
  it.each([
    ['changes after sinds, in order', { wijzigingen: [change(4), change(6, 'D-2')], laatsteVolgnummer: 6, meer: true }, 3, true],
    ['nothing new: the position stays', { wijzigingen: [], laatsteVolgnummer: 3, meer: false }, 3, true],
    ['where the feed stands', { wijzigingen: [], laatsteVolgnummer: 41, meer: false }, null, true],
    ['a removal', { wijzigingen: [change(4, 'D-2', 'verwijderd')], laatsteVolgnummer: 4, meer: false }, 3, true],
    ['a change at or before sinds', { wijzigingen: [change(3)], laatsteVolgnummer: 3, meer: false }, 3, false],
    ['changes out of order', { wijzigingen: [change(5), change(4, 'D-2')], laatsteVolgnummer: 5, meer: false }, 3, false],
    ['a position past the last change listed', { wijzigingen: [change(4)], laatsteVolgnummer: 9, meer: false }, 3, false],
    ['a position that moved with nothing listed', { wijzigingen: [], laatsteVolgnummer: 9, meer: false }, 3, false],
    ['more, with nothing listed', { wijzigingen: [], laatsteVolgnummer: 3, meer: true }, 3, false],
    ['changes when the position was asked for', { wijzigingen: [change(1)], laatsteVolgnummer: 1, meer: false }, null, false],
    ['more when the position was asked for', { wijzigingen: [], laatsteVolgnummer: 1, meer: true }, null, false],
    ['more changes than limiet', { wijzigingen: [change(4), change(5), change(6)], laatsteVolgnummer: 6, meer: true }, 3, false],
    ['an unknown soort', { wijzigingen: [change(4, 'D-1', 'verplaatst')], laatsteVolgnummer: 4, meer: false }, 3, false],
    ['a dossiernummer with a comma', { wijzigingen: [change(4, 'D-1,D-2')], laatsteVolgnummer: 4, meer: false }, 3, false],
    ['a dossiernummer with blanks', { wijzigingen: [change(4, ' D-1')], laatsteVolgnummer: 4, meer: false }, 3, false],
    ['a volgnummer as text', { wijzigingen: [{ ...change(4), volgnummer: '4' }], laatsteVolgnummer: 4, meer: false }, 3, false],
    ['a fractional position', { wijzigingen: [], laatsteVolgnummer: 3.5, meer: false }, 3, false],
    ['no wijzigingen list', { laatsteVolgnummer: 3, meer: false }, 3, false],
    ['meer as text', { wijzigingen: [], laatsteVolgnummer: 3, meer: 'nee' }, 3, false],
  ] as const)('%s', (_name, body, sinds, accepted) => {
    const page = readChangePage(body as Record<string, unknown>, sinds, 2);
    if (accepted) expect(page).toEqual(body);
    else expect(page).toBeNull();
  });
});

describe('ASHG adapter: householdChanges over HTTP', () => {
  const recordingHttp = nockedRecordingHttp(BASE);
  const upstream = () => nock(BASE, { reqheaders: { 'x-api-key': KEY, accept: 'application/json' } });
  const feed = (pageSize?: number) => {
    const http = recordingHttp();
    const adapter = createAshgAdapter(testContext(http), { apiKey: KEY, agencyCodes: WORLD_AGENCY_CODES, ...(pageSize ? { pageSize } : {}) });
    return (cursor: string | null) => adapter.householdChanges?.(cursor, testScope());
  };

  it('asks where the feed stands without sinds, and from the cursor with it', async () => {
    upstream().get(FEED).query({ limiet: '100' }).reply(200, { wijzigingen: [], laatsteVolgnummer: 17, meer: false }, JSON_HEADERS);
    expect(await feed()(null)).toEqual({ changes: [], cursor: '17', more: false });
    upstream().get(FEED).query({ sinds: '17', limiet: '5' }).reply(200, {
      wijzigingen: [change(18), change(19, 'D-2026-000999', 'verwijderd')], laatsteVolgnummer: 19, meer: true,
    }, JSON_HEADERS);
    upstream().get('/api/v1/dossiers').query({ ids: 'D-2026-000101,D-2026-000999' }).reply(200, { dossiers: [dossier()] }, JSON_HEADERS);
    expect(await feed(5)('17')).toEqual({
      changes: [{ householdLocalId: 'D-2026-000101', household: expectedHousehold }, { householdLocalId: 'D-2026-000999', household: null }],
      cursor: '19', more: true,
    });
  });

  it('fails the page, not just the one household, when a changed dossier is broken: the cursor must not pass it', async () => {
    upstream().get(FEED).query({ sinds: '3', limiet: '100' }).reply(200, { wijzigingen: [change(4), change(5, 'D-2')], laatsteVolgnummer: 5, meer: false }, JSON_HEADERS);
    upstream().get('/api/v1/dossiers').query({ ids: 'D-2026-000101,D-2' }).reply(200, {
      dossiers: [dossier(), { ...dossier(), dossiernummer: 'D-2', fase: 'onbekend' }],
    }, JSON_HEADERS);
    await expect(feed()('3')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', agency: 'ashg-groningen' });
  });

  it.each([
    ['410: the position is gone', 410, { fout: { code: 'VOLGNUMMER_ONBEKEND', melding: 'x' } }, { code: 'UPSTREAM_BAD_RESPONSE', status: 410, permanent: true }],
    ['401: the key is refused', 401, { fout: { code: 'NIET_GEAUTORISEERD', melding: 'x' } }, { code: 'UPSTREAM_UNAUTHORIZED', status: 401 }],
    ['a page that does not fit', 200, { wijzigingen: [change(2)], laatsteVolgnummer: 2, meer: false }, { code: 'UPSTREAM_BAD_RESPONSE', status: 200 }],
  ] as const)('rejects %s', async (_name, status, body, expected) => {
    upstream().get(FEED).query({ sinds: '3', limiet: '100' }).reply(status, body, JSON_HEADERS);
    await expect(feed()('3')).rejects.toMatchObject({ ...expected, agency: 'ashg-groningen' });
  });
});

describe('the ASHG mock\'s change log', () => {
  it('keeps the last `retain` changes; a sinds older than those, or ahead of the log, gets no page', () => {
    const log = createAshgChangeLog(3);
    expect(log.since(0, 10)).toEqual({ wijzigingen: [], laatsteVolgnummer: 0, meer: false });
    for (let at = 1; at <= 8; at++) expect(log.append(`D-${at}`, 'gewijzigd')).toBe(at);
    expect(log.position()).toBe(8);
    expect(log.since(4, 10)).toBeNull();
    expect(log.since(5, 2)).toEqual({ wijzigingen: [change(6, 'D-6'), change(7, 'D-7')], laatsteVolgnummer: 7, meer: true });
    expect(log.since(7, 2)).toEqual({ wijzigingen: [change(8, 'D-8')], laatsteVolgnummer: 8, meer: false });
    expect(log.since(8, 2)).toEqual({ wijzigingen: [], laatsteVolgnummer: 8, meer: false });
    expect(log.since(9, 2)).toBeNull();
  });
});
