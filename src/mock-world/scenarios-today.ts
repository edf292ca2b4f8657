/**
 * The chain as it is today (DOMAIN.md section 8, issue 11): households in Drenthe and
 * Amsterdam-Amstelland, dated 2013-2025, that createWorld appends after the first wave's scenarios and
 * generated households. Police zorgmeldingen go to Veilig Thuis (POLICE_TO_VEILIG_THUIS), Veilig
 * Thuis works in the 2019 protocol's phases, minors go on to a wijkteam or, after the Raad's
 * investigation, to a certified institution; Bureau Jeugdzorg is gone.
 *
 * | key | municipality | what it shows |
 * | --- | --- | --- |
 * | drenthe-scenario-1 | Hoogeveen | 1: children witnessed partner violence; a handover with conditions to care fails, Veilig Thuis Drenthe investigates itself |
 * | drenthe-scenario-2 | Meppel | 2: Politie Noord-Nederland refers to Veilig Thuis Drenthe, which already had a neighbour's advice request |
 * | drenthe-scenario-3 | Assen | 3: a 15-year-old, police to Veilig Thuis, a request to the Raad, supervision by Jeugdbescherming Noord |
 * | drenthe-scenario-4 | Tynaarlo | 4: a household across the Groningen border, known to Veilig Thuis Drenthe only |
 * | drenthe-scenario-5 | Coevorden | 5: a neighbour promised anonymity |
 * | drenthe-scenario-6 | Midden-Drenthe | 6: partner violence between adults; police to Veilig Thuis, no youth agency |
 * | drenthe-s8 | Emmen | S8 succession: an ASHG Drenthe record of 2013 (archive; handed to the AMK Drenthe in January 2014) and a Veilig Thuis Drenthe case of 2019 |
 * | drenthe-s6-assen | Assen | S6 region kinds: Veilig Thuis region Drenthe, regiovisie Noord- en Midden-Drenthe; handed to wijkteam Assen |
 * | drenthe-s6-emmen | Emmen | S6 region kinds: Veilig Thuis region Drenthe, regiovisie Zuid-Drenthe; handed to wijkteam Emmen |
 * | amsterdam-scenario-1 | Amsterdam | 1: as in Drenthe, with Veilig Thuis Amsterdam-Amstelland |
 * | amsterdam-scenario-2 | Diemen | 2: the police unit Amsterdam refers to Veilig Thuis, which already had an advice request |
 * | amsterdam-scenario-3 | Amsterdam | 3: a 15-year-old, police to Veilig Thuis, handed over to wijkteam Amsterdam |
 * | amsterdam-scenario-4 | Zaanstad | 4: in the police unit Amsterdam, outside the Veilig Thuis region; Veilig Thuis refuses the referral, holds no case |
 * | amsterdam-scenario-5 | Amstelveen | 5: a reporter promised anonymity |
 * | amsterdam-scenario-6 | Aalsmeer | 6: partner violence between adults; police to Veilig Thuis, no youth agency |
 * | amsterdam-s5-victim | Amsterdam | S5: a child who is a DIRECT_VICTIM; police zorgmelding to Veilig Thuis and its case |
 * | amsterdam-s5-witness | Amsterdam | S5: children who are WITNESS_OF_PARTNER_VIOLENCE only; the same route |
 * | amsterdam-raad-request | Amsterdam | Raad: a REQUEST_TO_RAAD referral (accepted), case phase REQUEST_TO_RAAD |
 * | amsterdam-raad-none | Amsterdam | Raad: the same kind of case without a request |
 * | amsterdam-s4 | Amsterdam | S4: police, Veilig Thuis and Jeugdbescherming Regio Amsterdam all involved, for the case conference |
 *
 * Each household's `story` says the same; `scenario` is the DOMAIN number a household replays, null
 * for issue 11's own. Drenthe's police cases are Politie Noord-Nederland's (`politie-noord-nederland`),
 * whose unit covers Drenthe. The organisations without a record system (AMK Drenthe, the wijkteams,
 * the Raad) hold no cases; they appear as the receivers of referrals.
 */
import type { WorldHousehold } from './model.ts';
import { amsterdamHouseholds } from './scenarios-amsterdam.ts';
import { drentheHouseholds } from './scenarios-drenthe.ts';

export function regionalHouseholds(): WorldHousehold[] {
  return [...drentheHouseholds(), ...amsterdamHouseholds()];
}
