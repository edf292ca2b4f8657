/**
 * What any loaded covenant version (expired, in force or not yet valid) could ever release to a
 * viewer kind, whatever the purpose, party, date or record: the upper bound a per-caller schema is
 * cut to. Owner-only coordinates (DOMAIN rule 7) are never in it, whatever a grant names: the engine
 * decides them before any grant. Public coordinates are not in it either; callers add them.
 */
import type { AgencyKind } from '#domain/records.ts';
import type { CompiledPolicy } from './compile.ts';

export function grantableCoordinates(policy: CompiledPolicy, viewerKind: AgencyKind): Set<string> {
  const coordinates = new Set<string>();
  for (const grant of policy.grants) {
    if (!grant.viewerKinds.has(viewerKind)) continue;
    for (const coordinate of grant.coordinates) {
      if (!policy.ownerOnlyCoordinates.has(coordinate)) coordinates.add(coordinate);
    }
  }
  return coordinates;
}
