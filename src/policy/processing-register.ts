/**
 * The register of processing activities (AVG art. 30) as the gateway uses it: which activity a request
 * belongs to, from its caller's organisation and declared purpose. Loaded from
 * `covenants/processing-activities.yaml` by load-processing-register.ts; pure from here on.
 */
import type { AgencyKind } from '#domain/records.ts';
import type { LegalBasis, SourceRef } from './covenant-types.ts';

/** The register's file in the covenants folder. */
export const PROCESSING_REGISTER_FILE = 'processing-activities.yaml';

/** Purposes every organisation's callers may declare, whatever the covenants grant (DOMAIN rule 10; accountability). */
export const ALWAYS_DECLARABLE_PURPOSES: readonly string[] = Object.freeze(['own-records', 'privacy-audit']);

export interface ProcessingActivity {
  /** `<agency id>/<activity>`, stable across versions. */
  readonly id: string;
  readonly version: number;
  /**
   * `id@version`: what the audit trail records (Logboek Dataverwerkingen `dpl.core.processing_activity_id`,
   * which must name one version of the activity).
   */
  readonly key: string;
  /** The agency id whose activity it is. */
  readonly organisation: string;
  readonly name: string;
  readonly controller: string;
  readonly legalBasis: readonly LegalBasis[];
  /** Purpose codes (covenants/purposes.yaml) that map to the activity, in written order. */
  readonly purposes: readonly string[];
  readonly source: SourceRef;
}

/** An organisation as the register is checked against it: a configured agency. */
export interface RegisterOrganisation {
  readonly id: string;
  readonly kind: AgencyKind;
}

export interface ProcessingRegister {
  /** In written order. */
  readonly activities: readonly ProcessingActivity[];
  /** The activity a request of the organisation under the purpose belongs to, or null when the register has none. */
  activityFor(organisation: string, purpose: string): ProcessingActivity | null;
}

export function createProcessingRegister(activities: readonly ProcessingActivity[]): ProcessingRegister {
  const byPair = new Map<string, ProcessingActivity>();
  for (const activity of activities) {
    for (const purpose of activity.purposes) byPair.set(pairKey(activity.organisation, purpose), activity);
  }
  return {
    activities,
    activityFor: (organisation, purpose) => byPair.get(pairKey(organisation, purpose)) ?? null,
  };
}

function pairKey(organisation: string, purpose: string): string {
  return `${organisation}\u0000${purpose}`;
}
