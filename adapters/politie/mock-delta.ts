/**
 * Internal to mock.ts: the police's daily delta export (issue 12) as the mock serves it, and the record
 * control testers change the mock's zorgmeldingen with while it runs. The delta pages the store's mutaties
 * by mutatienummer the way the date-range export pages by number: the next position in a header
 * (`X-Volgende-Vanaf`, always, as a cursor must survive an empty page) and `X-Meer-Mutaties: J|N`.
 */
import type { MockRecordControl, MockReply } from '#mock-world/mock-server.ts';
import { encodeDelta } from './csv.ts';
import { projectPolitie } from './fixtures.ts';
import type { PolitieMockStore } from './mock-store.ts';
import { MEER_MUTATIES_HEADER, POLITIE_BATCH_LIMIT, VOLGENDE_VANAF_HEADER, type Mutatie } from './wire-types.ts';

const NUMMER = /^[1-9]\d{0,14}$/;

/** `GET /export/zorgmeldingen/delta.csv?vanaf=&maximum=`; without `vanaf` only where the export stands. */
export function delta(store: PolitieMockStore, url: URL): MockReply {
  const vanaf = url.searchParams.get('vanaf');
  const maximum = url.searchParams.get('maximum') ?? String(POLITIE_BATCH_LIMIT);
  if (!NUMMER.test(maximum) || Number(maximum) > POLITIE_BATCH_LIMIT) return badRequest(`maximum van 1 tot en met ${POLITIE_BATCH_LIMIT}`);
  const stand = store.volgendMutatienummer();
  if (vanaf === null) return page([], stand, false);
  // A number the police never gave (past the next one) is refused, so a cursor from elsewhere is not taken for theirs.
  if (!NUMMER.test(vanaf) || Number(vanaf) > stand) return badRequest('vanaf is geen bekend mutatienummer');
  const mutaties = store.mutaties(Number(vanaf), Number(maximum));
  const last = mutaties.at(-1);
  const next = last ? last.mutatienummer + 1 : Number(vanaf);
  return page(mutaties, next, next < stand);
}

function page(mutaties: readonly Mutatie[], next: number, meer: boolean): MockReply {
  return {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', [VOLGENDE_VANAF_HEADER]: String(next), [MEER_MUTATIES_HEADER]: meer ? 'J' : 'N' },
    body: encodeDelta(mutaties),
  };
}

/** Zorgmeldingen registered and removed as the police's staff would, each a mutatie of the delta export. */
export function politieRecordControl(store: PolitieMockStore, agencyId: string): MockRecordControl {
  return {
    addHousehold(household) {
      // As the fixtures file it: one zorgmelding for the unit's case, with its betrokkenen's keys.
      const { zorgmeldingen: [zorgmelding], sleutels } = projectPolitie({ households: [household] }, agencyId);
      if (!zorgmelding) return null;
      store.register(zorgmelding, sleutels);
      return zorgmelding.registratienummer;
    },
    removeHousehold: (nummer) => store.remove(nummer),
  };
}

function badRequest(message: string): MockReply {
  return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}
