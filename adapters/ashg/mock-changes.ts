/**
 * The ASHG mock's dossier change feed: every change to a dossier gets the next volgnummer, and the
 * feed answers the changes after a volgnummer, oldest first. It keeps the last `retain` changes only, as
 * the legacy system does, so a client that fell too far behind must list everything again.
 */
import { ASHG_FEED_RETENTION } from './api-limits.ts';
import type { WireWijziging, WireWijzigingenPagina, WireWijzigingSoort } from './wire-types.ts';

export interface AshgChangeLog {
  /** Records a change to the dossier; answers its volgnummer. */
  append(dossiernummer: string, soort: WireWijzigingSoort): number;
  /** The last volgnummer given; 0 before the first change. */
  position(): number;
  /**
   * At most `limiet` changes after `sinds`, oldest first; null when the log cannot answer from `sinds`:
   * ahead of the last volgnummer given, or before the oldest change it still keeps.
   */
  since(sinds: number, limiet: number): WireWijzigingenPagina | null;
}

/** A log keeping the last `retain` changes (default ASHG_FEED_RETENTION). */
export function createAshgChangeLog(retain = ASHG_FEED_RETENTION): AshgChangeLog {
  // entries[i] has volgnummer first + i.
  let entries: WireWijziging[] = [];
  let first = 1;
  const position = () => first + entries.length - 1;

  return {
    position,
    append(dossiernummer, soort) {
      const volgnummer = position() + 1;
      entries.push({ volgnummer, dossiernummer, soort });
      // Trimmed in steps, not one shift a change: the drop costs a copy of what is kept.
      if (entries.length >= retain * 2) {
        const drop = entries.length - retain;
        entries = entries.slice(drop);
        first += drop;
      }
      return volgnummer;
    },
    since(sinds, limiet) {
      const oldestKept = entries.length > retain ? position() - retain + 1 : first;
      if (sinds > position() || sinds < oldestKept - 1) return null;
      const from = sinds + 1 - first;
      const wijzigingen = entries.slice(from, from + limiet);
      const laatsteVolgnummer = wijzigingen.at(-1)?.volgnummer ?? sinds;
      return { wijzigingen, laatsteVolgnummer, meer: laatsteVolgnummer < position() };
    },
  };
}
