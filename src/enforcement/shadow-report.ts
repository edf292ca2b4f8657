/**
 * What the shadow policy would have released or withheld otherwise, per coordinate, viewer, owner and
 * purpose: counts in both directions and the latest few decision ids (never values), in memory and
 * bounded. A privacy officer sees the differences where its agency is viewer or owner; about records
 * the viewer was not shown at all (the trail does not enter them, lest it prove they exist) only the
 * owner's officer learns anything, and only counts: those decision ids are in no entry to explain.
 */
import type { Decided, Decision } from '#src/policy/index.ts';

export interface ShadowReportLimits {
  /** Most (coordinate, viewer, owner, purpose) rows kept; later new rows are dropped and the report says so. Default 1000. */
  readonly maxDifferences: number;
  /** Latest decision ids kept per row. Default 5. */
  readonly samplesPerDifference: number;
}

export const DEFAULT_SHADOW_REPORT_LIMITS: ShadowReportLimits = Object.freeze({ maxDifferences: 1000, samplesPerDifference: 5 });

export interface ShadowComparison {
  readonly coordinate: string;
  readonly viewerAgencyId: string;
  readonly ownerAgencyId: string;
  readonly purpose: string;
  readonly live: Decided;
  readonly shadow: Decision;
  /** Whether the trail entered the record, so its decision can be explained and replayed. */
  readonly entered: boolean;
}

export interface ShadowSample {
  readonly decisionId: string;
  readonly live: Decision;
  readonly shadow: Decision;
}

export interface ShadowDifferenceView {
  readonly coordinate: string;
  readonly viewerAgencyId: string;
  readonly ownerAgencyId: string;
  readonly purpose: string;
  readonly liveAllowShadowDeny: number;
  readonly liveDenyShadowAllow: number;
  /** Of those, decisions about records the viewer was not shown; null unless the caller owns the records. */
  readonly unshown: number | null;
  readonly samples: readonly ShadowSample[];
}

export interface ShadowReportView {
  readonly decisionsCompared: number;
  readonly decisionsNotCompared: number;
  /** Rows were dropped because the report was full. */
  readonly truncated: boolean;
  readonly differences: readonly ShadowDifferenceView[];
}

export interface ShadowReport {
  compared(comparison: ShadowComparison): void;
  /** Decisions the shadow could not judge (facts the request did not load, or the queue was full). */
  notCompared(viewerAgencyId: string, ownerAgencyId: string, entered: boolean, count: number): void;
  /** The report as the privacy officer of `agencyId` may see it. */
  view(agencyId: string): ShadowReportView;
}

interface Counts { shown: number; unshown: number }
interface PairCounts { readonly viewer: string; readonly owner: string; readonly compared: Counts; readonly notCompared: Counts }
interface Row {
  readonly coordinate: string;
  readonly viewerAgencyId: string;
  readonly ownerAgencyId: string;
  readonly purpose: string;
  readonly liveAllowShadowDeny: Counts;
  readonly liveDenyShadowAllow: Counts;
  readonly samples: ShadowSample[];
}

const side = (counts: Counts, entered: boolean): void => void (entered ? counts.shown++ : counts.unshown++);

export function createShadowReport(limits: ShadowReportLimits = DEFAULT_SHADOW_REPORT_LIMITS): ShadowReport {
  // Pairs of configured agencies: bounded by the configuration, not by traffic.
  const pairs = new Map<string, PairCounts>();
  const rows = new Map<string, Row>();
  let truncated = false;
  const pair = (viewer: string, owner: string): PairCounts => {
    const key = `${viewer}\u0000${owner}`;
    let found = pairs.get(key);
    if (!found) pairs.set(key, found = { viewer, owner, compared: { shown: 0, unshown: 0 }, notCompared: { shown: 0, unshown: 0 } });
    return found;
  };
  return {
    compared(comparison) {
      side(pair(comparison.viewerAgencyId, comparison.ownerAgencyId).compared, comparison.entered);
      if (comparison.live.effect === comparison.shadow.effect) return;
      const key = [comparison.coordinate, comparison.viewerAgencyId, comparison.ownerAgencyId, comparison.purpose].join('\u0000');
      let row = rows.get(key);
      if (!row) {
        if (rows.size >= limits.maxDifferences) return void (truncated = true);
        const { coordinate, viewerAgencyId, ownerAgencyId, purpose } = comparison;
        rows.set(key, row = { coordinate, viewerAgencyId, ownerAgencyId, purpose, liveAllowShadowDeny: { shown: 0, unshown: 0 }, liveDenyShadowAllow: { shown: 0, unshown: 0 }, samples: [] });
      }
      side(comparison.live.effect === 'allow' ? row.liveAllowShadowDeny : row.liveDenyShadowAllow, comparison.entered);
      // Only decisions the trail holds: a sample is for explainDecision and replayDecision.
      if (comparison.entered && !row.samples.some((sample) => sample.decisionId === comparison.live.id)) {
        row.samples.push({ decisionId: comparison.live.id, live: comparison.live, shadow: comparison.shadow });
        if (row.samples.length > limits.samplesPerDifference) row.samples.shift();
      }
    },
    notCompared(viewer, owner, entered, count) {
      const counts = pair(viewer, owner).notCompared;
      if (entered) counts.shown += count;
      else counts.unshown += count;
    },
    view(agencyId) {
      // The owner's officer sees everything about its records; the viewer's officer only what the trail entered.
      const visible = (counts: Counts, owner: string): number => counts.shown + (owner === agencyId ? counts.unshown : 0);
      let decisionsCompared = 0;
      let decisionsNotCompared = 0;
      for (const { viewer, owner, ...counts } of pairs.values()) {
        if (viewer !== agencyId && owner !== agencyId) continue;
        decisionsCompared += visible(counts.compared, owner);
        decisionsNotCompared += visible(counts.notCompared, owner);
      }
      const differences: ShadowDifferenceView[] = [];
      for (const row of rows.values()) {
        if (row.viewerAgencyId !== agencyId && row.ownerAgencyId !== agencyId) continue;
        const owned = row.ownerAgencyId === agencyId;
        const liveAllowShadowDeny = visible(row.liveAllowShadowDeny, row.ownerAgencyId);
        const liveDenyShadowAllow = visible(row.liveDenyShadowAllow, row.ownerAgencyId);
        if (liveAllowShadowDeny + liveDenyShadowAllow === 0) continue;
        differences.push({
          coordinate: row.coordinate, viewerAgencyId: row.viewerAgencyId, ownerAgencyId: row.ownerAgencyId, purpose: row.purpose,
          liveAllowShadowDeny, liveDenyShadowAllow,
          unshown: owned ? row.liveAllowShadowDeny.unshown + row.liveDenyShadowAllow.unshown : null,
          samples: [...row.samples],
        });
      }
      differences.sort((a, b) => (b.liveAllowShadowDeny + b.liveDenyShadowAllow) - (a.liveAllowShadowDeny + a.liveDenyShadowAllow)
        || (a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0));
      return { decisionsCompared, decisionsNotCompared, truncated, differences };
    },
  };
}
