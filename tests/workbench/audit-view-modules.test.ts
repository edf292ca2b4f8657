/**
 * The audit view's pure modules (src/web/assets, plain JavaScript the browser loads as it is): entries
 * grouped by request, decisions by legal basis, the CSV's cells, and the chart's series with every day
 * between the first and the last. The browser suite (tests/browser/console-audit.test.ts) shows them at work.
 */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Decision { id: string; coordinate: string; effect: 'ALLOW' | 'DENY'; reason: string; agreementKey: string | null; article: string | null; ruleId: string | null }
interface Counts { day: string; key: string | null; entries: number; requests: number }
const load = async <T>(name: string) => (await import(pathToFileURL(`src/web/assets/${name}`).href)) as T;
const requests = await load<{
  groupByRequest(entries: { requestSeq: string; seq: string }[]): { requestSeq: string; entries: { seq: string }[] }[];
  groupDecisions(decisions: Decision[]): { allowed: boolean; basis: string; coordinates: string[] }[];
}>('audit-requests.js');
const csv = await load<{ csvCell(value: string): string }>('csv.js');
type CsvPage = { entries: { seq: string }[]; hasNextPage: boolean; endCursor: string | null };
const auditCsv = await load<{
  CSV_MAX_ENTRIES: number;
  readForCsv(readPage: (after: string | null) => Promise<CsvPage>, progress: (read: number) => void, limit?: number): Promise<{ entries: { seq: string }[]; truncated: boolean }>;
}>('audit-csv.js');
const chart = await load<{ seriesOf(counts: Counts[], measure: 'entries' | 'requests', label: (key: string | null) => string): { days: string[]; series: { key: string | null; total: number; values: number[] }[] } }>('audit-chart.js');

const decision = (coordinate: string, overrides: Partial<Decision> = {}): Decision => ({
  id: `dc_${coordinate}`, coordinate, effect: 'ALLOW', reason: 'GRANT', agreementKey: 'groningen-ashg-amk@2', article: 'art. 4.1', ruleId: 'r', ...overrides,
});

describe('the audit view\'s modules', () => {
  /** A search of `total` entries served `size` a page, with the cursors each page was asked after. */
  const search = (total: number, size: number) => {
    const asked: (string | null)[] = [];
    const readPage = async (after: string | null): Promise<CsvPage> => {
      asked.push(after);
      const from = after === null ? 0 : Number(after);
      const entries = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => ({ seq: String(from + i + 1) }));
      const end = from + entries.length;
      return { entries, hasNextPage: end < total, endCursor: entries.length > 0 ? String(end) : null };
    };
    return { asked, readPage };
  };

  it('reads a search for its CSV page by page, and stops at its bound with the rest said to be there', async () => {
    const whole = search(1_234, 500);
    const progress: number[] = [];
    expect(await auditCsv.readForCsv(whole.readPage, (read) => progress.push(read))).toMatchObject({ truncated: false });
    expect(whole.asked).toEqual([null, '500', '1000']);
    expect(progress).toEqual([0, 500, 1000]);
    const bounded = search(1_234, 500);
    const read = await auditCsv.readForCsv(bounded.readPage, () => undefined, 700);
    expect(read.truncated).toBe(true);
    expect(read.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 700 }, (_, i) => String(i + 1)));
    expect(bounded.asked).toEqual([null, '500']);
    // Exactly the bound, nothing after it: not truncated.
    expect(await auditCsv.readForCsv(search(1_000, 500).readPage, () => undefined, 1_000)).toMatchObject({ truncated: false });
    expect(auditCsv.CSV_MAX_ENTRIES).toBe(50_000);
  });

  it('groups entries by request in chain order, a request again after another', () => {
    const groups = requests.groupByRequest([{ requestSeq: '1', seq: '1' }, { requestSeq: '1', seq: '2' }, { requestSeq: '2', seq: '3' }, { requestSeq: '1', seq: '4' }]);
    expect(groups.map((group) => [group.requestSeq, group.entries.map((entry) => entry.seq)])).toEqual([['1', ['1', '2']], ['2', ['3']], ['1', ['4']]]);
  });

  it('gathers an entry\'s decisions by effect, basis and reason, released first', () => {
    const groups = requests.groupDecisions([
      decision('Report.reporter', { effect: 'DENY', reason: 'OWNER_ONLY', agreementKey: null, article: null }),
      decision('Report.narrative'), decision('Report.status'), decision('Report.phase', { article: 'art. 5' }),
      decision('Child.school', { reason: 'OWNER', agreementKey: null, article: null }),
    ]);
    expect(groups).toMatchObject([
      { allowed: true, basis: 'groningen-ashg-amk@2 art. 4.1', coordinates: ['Report.narrative', 'Report.status'] },
      { allowed: true, basis: 'groningen-ashg-amk@2 art. 5', coordinates: ['Report.phase'] },
      { allowed: true, basis: 'own record (DOMAIN rule 10)', coordinates: ['Child.school'] },
      { allowed: false, basis: 'no agreement', coordinates: ['Report.reporter'] },
    ]);
  });

  it.each([
    ['plain', 'plain'], ['a, b', '"a, b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'], ['+1', "'+1"], ['@cmd', "'@cmd"],
  ])('writes the CSV cell %j as %j', (value, written) => {
    expect(csv.csvCell(value)).toBe(written);
  });

  it('charts every day from the first to the last, zeros included, the largest series first', () => {
    const { days, series } = chart.seriesOf([
      { day: '2027-02-27', key: 'a', entries: 2, requests: 1 }, { day: '2027-03-02', key: 'b', entries: 5, requests: 2 },
    ], 'entries', (key) => key ?? 'none');
    expect(days).toEqual(['2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02']);
    expect(series).toEqual([{ key: 'b', label: 'b', total: 5, values: [0, 0, 0, 5] }, { key: 'a', label: 'a', total: 2, values: [2, 0, 0, 0] }]);
  });
});
