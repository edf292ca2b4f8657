/**
 * Internal to mock.ts: the gezinnen testers add to and remove from the running mock (issue 12), as BJZ's
 * staff would register or remove a family, each logged as a change for the wijzigingen. A household comes
 * in exactly as the fixtures would have projected it: a client per minor of its case, and an aanmelding per
 * referral.
 */
import type { MockRecordControl } from '#mock-world/mock-server.ts';
import { projectBjz } from './fixtures.ts';
import type { BjzChangeLog } from './mock-changes.ts';
import type { BjzMockStore } from './mock-store.ts';

export function createBjzRecordControl(store: BjzMockStore, changes: BjzChangeLog, agencyId: string): MockRecordControl {
  return {
    addHousehold(household) {
      const gezinId = household.cases[agencyId]?.householdLocalId;
      const { clienten, aanmeldingen } = projectBjz({ households: [household] }, agencyId);
      // BJZ holds a gezin through its clients: a case without minors leaves nothing to list or find.
      if (gezinId === undefined || clienten.length === 0) return null;
      // Registering a gezin twice would file two clients under one clientnummer: a test's mistake, said loudly.
      if (store.clientsBy('gezinIds', [gezinId]).length > 0 || store.aanmeldingenBy('ids', aanmeldingen.map((a) => a.id)).length > 0) {
        throw new Error(`BJZ mock: gezin ${gezinId} or one of its aanmeldingen is already registered`);
      }
      for (const client of clienten) store.addClient(client);
      for (const aanmelding of aanmeldingen) store.addAanmelding(aanmelding);
      changes.log(gezinId, 'changed');
      return gezinId;
    },
    removeHousehold(householdLocalId) {
      if (!store.removeGezin(householdLocalId)) return false;
      changes.log(householdLocalId, 'deleted');
      return true;
    },
  };
}
