/**
 * Internal to mock.ts: the ASHG mock's record control (issue 12), changes to its dossiers as the ASHG's
 * staff would make them. Each files or removes a whole dossier in the store and numbers the change in
 * the change feed, which is how the gateway learns of it.
 */
import type { MockRecordControl } from '#mock-world/mock-server.ts';
import { projectAshg } from './fixtures.ts';
import type { AshgChangeLog } from './mock-changes.ts';
import type { AshgStore } from './mock-store.ts';

export function createAshgRecordControl(store: AshgStore, log: AshgChangeLog, agencyId: string): MockRecordControl {
  return {
    addHousehold(household) {
      // Projected as at start: the household's case of this organisation, none when it has no case here.
      const filed = projectAshg({ households: [household] }, agencyId);
      const [dossier] = filed.dossiers;
      if (!dossier) return null;
      // A household filed again replaces its dossier: a change of the same dossiernummer.
      store.fileDossiers(filed);
      log.append(dossier.dossiernummer, 'gewijzigd');
      return dossier.dossiernummer;
    },
    removeHousehold(householdLocalId) {
      if (!store.removeDossier(householdLocalId)) return false;
      log.append(householdLocalId, 'verwijderd');
      return true;
    },
  };
}
