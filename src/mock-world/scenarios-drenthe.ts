/**
 * Drenthe in the Veilig Thuis era: DOMAIN section 6 replayed with Veilig Thuis Drenthe, Politie
 * Noord-Nederland (whose unit covers Drenthe too) and Jeugdbescherming Noord, plus issue 11's
 * succession (S8) and region-kind (S6) households. People have regional serials 1..99.
 */
import { WORLD_AGENCIES as A, WORLD_ORGANISATIONS as O, type WorldHousehold } from './model.ts';
import { child, referral, regionalPerson as p, report, worldCase, zorgmelding } from './regional-build.ts';

const POLICE = { name: 'Politie Noord-Nederland', type: 'POLICE' } as const;

/** Scenario 1 today (Hoogeveen): the children witnessed partner violence; handover with conditions to care fails, Veilig Thuis investigates itself. */
function scenario1(): WorldHousehold {
  const mother = p(1, 'Linda Kuipers', '1987-02-14', 'PARENT_WITH_AUTHORITY');
  const father = p(2, 'Rob Kuipers', '1985-10-03', 'PARENT_WITH_AUTHORITY');
  const mees = p(3, 'Mees Kuipers', '2014-05-22', 'CHILD');
  const jip = p(4, 'Jip Kuipers', '2017-09-08', 'CHILD');
  const members = [mother, father, mees, jip];
  const children = [
    child(mees, 'WITNESS_OF_PARTNER_VIOLENCE', 'OBS De Weidevogel', 'Onrustig in de klas, wil niet naar huis.'),
    child(jip, 'WITNESS_OF_PARTNER_VIOLENCE', 'Kindcentrum De Tamboerijn', null),
  ];
  return {
    key: 'drenthe-scenario-1', scenario: 1,
    story: 'Scenario 1 in the Veilig Thuis era: the conditions of a handover to care fail, Veilig Thuis Drenthe investigates itself.',
    municipality: 'Hoogeveen', address: { street: 'Grote Kerkstraat', houseNumber: '41', postalCode: '7901CK', city: 'Hoogeveen' }, members,
    cases: {
      [O.vtDrenthe]: worldCase({
        agency: O.vtDrenthe, id: 'VTD-2022-0311', phase: 'OWN_INVESTIGATION', since: '2022-06-21', members, children,
        reports: [report({
          id: 'VTD-M-2022-0311', received: ['2022-03-07', '09:40'], channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Huisarts K. Oosting', type: 'PROFESSIONAL', phone: '0528-555301' },
          violence: ['PARTNER_VIOLENCE'], children,
          narrative: 'Moeder vertelt de huisarts over herhaald geweld door haar partner; de kinderen waren erbij.',
          urgency: 'HIGH', assessment: { decided: ['2022-03-11', '15:00'], outcome: 'UNSAFE_HELP_NEEDED' },
          phase: 'OWN_INVESTIGATION', careProvider: 'Yorneo',
        })],
        referrals: [referral({
          id: 'VTD-O-2022-0311-1', from: O.vtDrenthe, to: null, careProvider: 'Yorneo', kind: 'VOLUNTARY_CARE',
          reason: 'Overdracht met voorwaarden na de veiligheidsbeoordeling.',
          conditions: ['Geen geweld in bijzijn van de kinderen', 'Vader volgt een agressieregulatietraining'], warm: true,
          status: 'RETURNED_UNSAFE', created: ['2022-03-14', '10:00'], updated: ['2022-06-20', '16:30'], report: 'VTD-M-2022-0311',
        })],
      }),
    },
  };
}

/** Scenario 2 today (Meppel): the police refer to Veilig Thuis, which already had a neighbour's advice request. */
function scenario2(): WorldHousehold {
  const mother = p(11, 'Sevda Arslan', '1991-07-30', 'PARENT_WITH_AUTHORITY');
  const partner = p(12, 'Jeroen Dekker', '1988-01-11', 'STEP_PARENT');
  const mila = p(13, 'Mila Arslan', '2015-12-02', 'CHILD');
  const members = [mother, partner, mila];
  const victim = [child(mila, 'DIRECT_VICTIM')];
  return {
    key: 'drenthe-scenario-2', scenario: 2,
    story: 'Scenario 2 in the Veilig Thuis era: a police zorgmelding to Veilig Thuis Drenthe, which already knew the household from an advice request.',
    municipality: 'Meppel', address: { street: 'Prinsengracht', houseNumber: '17', postalCode: '7941KG', city: 'Meppel' }, members,
    cases: {
      [A.politie]: zorgmelding({
        police: A.politie, id: 'ZM-2023-031207', registered: ['2023-09-11', '23:20'], officer: 'Agent 3120', members, children: victim,
        violence: ['PHYSICAL_CHILD_ABUSE', 'PARTNER_VIOLENCE'], urgency: 'ACUTE',
        narrative: 'Melding burengerucht; meisje met een schaafwond op de wang, stiefvader onder invloed.',
        referredTo: {
          agency: O.vtDrenthe, reason: 'Zorgmelding huiselijk geweld met een minderjarige.', status: 'ACCEPTED',
          created: ['2023-09-12', '08:00'], updated: ['2023-09-12', '10:15'],
        },
      }),
      [O.vtDrenthe]: worldCase({
        agency: O.vtDrenthe, id: 'VTD-2023-0829', phase: 'SAFETY_ASSESSMENT', since: '2023-09-12', members,
        children: [child(mila, 'DIRECT_VICTIM', 'CBS De Sprankel', null)],
        reports: [
          report({
            id: 'VTD-M-2023-0829', received: ['2023-08-29', '19:10'], channel: 'PHONE', kind: 'ADVICE',
            reporter: { name: 'Buurvrouw H. Westra', type: 'CITIZEN', phone: '06-55508829' },
            violence: ['PARTNER_VIOLENCE'], children: [child(mila, 'WITNESS_OF_PARTNER_VIOLENCE')],
            narrative: 'Buurvrouw hoort vaak geschreeuw en vraagt wat zij kan doen.', urgency: 'NORMAL', phase: 'END_OF_INVOLVEMENT',
          }),
          report({
            id: 'VTD-M-2023-0912', received: ['2023-09-12', '10:15'], channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
            reporter: POLICE, violence: ['PHYSICAL_CHILD_ABUSE', 'PARTNER_VIOLENCE'], children: victim,
            narrative: 'Zorgmelding politie: fysiek geweld tegen het kind na een ruzie tussen de volwassenen.',
            urgency: 'ACUTE', assessment: 'pending', phase: 'SAFETY_ASSESSMENT',
          }),
        ],
      }),
    },
  };
}

/** Scenario 3 today (Assen): a 15-year-old the police refer to Veilig Thuis; after the Raad's investigation Jeugdbescherming Noord supervises, not BJZ. */
function scenario3(): WorldHousehold {
  const father = p(21, 'Gerrit Zuidema', '1975-03-27', 'PARENT_WITH_AUTHORITY');
  const eva = p(22, 'Eva Zuidema', '2008-06-19', 'CHILD');
  const members = [father, eva];
  const victim = [child(eva, 'DIRECT_VICTIM')];
  return {
    key: 'drenthe-scenario-3', scenario: 3,
    story: 'Scenario 3 in the Veilig Thuis era: a 15-year-old, police to Veilig Thuis Drenthe, a request to the Raad, supervision by the certified institution.',
    municipality: 'Assen', address: { street: 'Vaart Zuidzijde', houseNumber: '58', postalCode: '9401GK', city: 'Assen' }, members,
    cases: {
      [A.politie]: zorgmelding({
        police: A.politie, id: 'ZM-2024-031301', registered: ['2024-02-17', '02:30'], officer: 'Agent 3130', members, children: victim,
        violence: ['CHILD_NEGLECT'], urgency: 'HIGH',
        narrative: 'Meisje van 15 \'s nachts alleen op het station aangetroffen; vader onbereikbaar.',
        referredTo: { agency: O.vtDrenthe, reason: 'Zorgmelding minderjarige.', status: 'ACCEPTED', created: ['2024-02-17', '09:00'], updated: ['2024-02-19', '10:00'] },
      }),
      [O.vtDrenthe]: worldCase({
        agency: O.vtDrenthe, id: 'VTD-2024-0219', phase: 'MONITORING', since: '2024-05-27', members,
        children: [child(eva, 'DIRECT_VICTIM', 'Dr. Nassau College', 'Verzuimt veel; slaapt soms bij vriendinnen.')],
        reports: [report({
          id: 'VTD-M-2024-0219', received: ['2024-02-19', '10:00'], channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: POLICE, violence: ['CHILD_NEGLECT'], children: victim,
          narrative: 'Zorgmelding politie: herhaald nachtelijk zwerven, vader niet in staat toezicht te houden.',
          urgency: 'HIGH', assessment: { decided: ['2024-02-23', '14:00'], outcome: 'UNSAFE_HELP_NEEDED' }, phase: 'MONITORING',
        })],
        referrals: [referral({
          id: 'VTD-O-2024-0219-1', from: O.vtDrenthe, to: O.raad, kind: 'REQUEST_TO_RAAD',
          reason: 'Vrijwillige hulp geweigerd; verzoek tot onderzoek naar een kinderbeschermingsmaatregel.',
          status: 'COMPLETED', created: ['2024-03-04', '11:00'], updated: ['2024-05-20', '09:30'], report: 'VTD-M-2024-0219',
        })],
      }),
      [O.giNoord]: worldCase({
        agency: O.giNoord, id: 'jbn-gezin-2b17', phase: 'INTAKE', since: '2024-05-27', members,
        children: [child(eva, 'DIRECT_VICTIM', 'Dr. Nassau College', 'Ondertoezichtstelling sinds mei 2024.')],
      }),
    },
  };
}

/** Scenario 4 today (Tynaarlo): a household just across the Groningen border, known to Veilig Thuis Drenthe only. */
function scenario4(): WorldHousehold {
  const mother = p(31, 'Karin Huizinga', '1983-11-09', 'PARENT_WITH_AUTHORITY');
  const thijs = p(32, 'Thijs Huizinga', '2013-04-25', 'CHILD');
  const members = [mother, thijs];
  const victim = [child(thijs, 'DIRECT_VICTIM')];
  return {
    key: 'drenthe-scenario-4', scenario: 4,
    story: 'Scenario 4 in the Veilig Thuis era: a Drenthe household bordering Groningen, out of reach of the Groningen covenants.',
    municipality: 'Tynaarlo', address: { street: 'Stationsweg', houseNumber: '9', postalCode: '9471GK', city: 'Zuidlaren' }, members,
    cases: {
      [O.vtDrenthe]: worldCase({
        agency: O.vtDrenthe, id: 'VTD-2025-0120', phase: 'HANDOVER_WITH_CONDITIONS', since: '2025-01-29', members,
        children: [child(thijs, 'DIRECT_VICTIM', 'OBS De Zuidwester', null)], careProvider: 'Accare',
        reports: [report({
          id: 'VTD-M-2025-0120', received: ['2025-01-20', '13:05'], channel: 'EMAIL', kind: 'REPORT',
          reporter: { name: 'Intern begeleider S. Smit', type: 'PROFESSIONAL', phone: '050-5550120' },
          violence: ['EMOTIONAL_CHILD_ABUSE'], children: victim,
          narrative: 'Gezin kort geleden uit de stad Groningen verhuisd; school ziet een angstige jongen die thuis wordt gekleineerd.',
          urgency: 'NORMAL', assessment: { decided: ['2025-01-24', '11:00'], outcome: 'UNSAFE_HELP_NEEDED' },
          phase: 'HANDOVER_WITH_CONDITIONS', careProvider: 'Accare',
        })],
      }),
    },
  };
}

/** Scenario 5 today (Coevorden): the reporter was promised anonymity. */
function scenario5(): WorldHousehold {
  const mother = p(41, 'Sandra Lubbers', '1994-08-16', 'PARENT_WITH_AUTHORITY');
  const noor = p(42, 'Noor Lubbers', '2018-02-05', 'CHILD');
  const members = [mother, noor];
  const victim = [child(noor, 'DIRECT_VICTIM')];
  return {
    key: 'drenthe-scenario-5', scenario: 5,
    story: 'Scenario 5 in the Veilig Thuis era: a neighbour reports to Veilig Thuis Drenthe under a promise of anonymity.',
    municipality: 'Coevorden', address: { street: 'Friesestraat', houseNumber: '30b', postalCode: '7741GW', city: 'Coevorden' }, members,
    cases: {
      [O.vtDrenthe]: worldCase({
        agency: O.vtDrenthe, id: 'VTD-2021-0504', phase: 'OWN_INVESTIGATION', since: '2021-05-12', members, children: victim,
        reports: [report({
          id: 'VTD-M-2021-0504', received: ['2021-05-04', '08:15'], channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Buurman T. Kamphuis', type: 'CITIZEN', anonymityPromised: true, phone: '06-55508504' },
          violence: ['CHILD_NEGLECT'], children: victim,
          narrative: 'Meisje van drie zit vaak uren alleen op de galerij, ook als het koud is.',
          restricted: 'Melder woont tegenover het gezin en vreest de reactie van de moeder.',
          urgency: 'NORMAL', assessment: { decided: ['2021-05-10', '10:00'], outcome: 'UNSAFE_HELP_NEEDED' }, phase: 'OWN_INVESTIGATION',
        })],
      }),
    },
  };
}

/** Scenario 6 today (Midden-Drenthe): partner violence between adults, no children; nothing reaches Jeugdbescherming Noord. */
function scenario6(): WorldHousehold {
  const one = p(51, 'Harm Bakker', '1969-12-01', 'PARTNER');
  const two = p(52, 'Janny Bakker', '1971-04-18', 'PARTNER');
  const members = [one, two];
  return {
    key: 'drenthe-scenario-6', scenario: 6,
    story: 'Scenario 6 in the Veilig Thuis era: partner violence between adults, no children; the police refer to Veilig Thuis Drenthe, no youth agency is involved.',
    municipality: 'Midden-Drenthe', address: { street: 'Brinkstraat', houseNumber: '3', postalCode: '9411KL', city: 'Beilen' }, members,
    cases: {
      [A.politie]: zorgmelding({
        police: A.politie, id: 'ZM-2020-031606', registered: ['2020-10-16', '22:45'], officer: 'Agent 3160', members, children: [],
        violence: ['PARTNER_VIOLENCE'], urgency: 'HIGH', narrative: 'Echtpaar; vrouw met letsel aan de pols, man aangehouden.',
        referredTo: { agency: O.vtDrenthe, reason: 'Zorgmelding partnergeweld.', status: 'ACCEPTED', created: ['2020-10-17', '08:30'], updated: ['2020-10-19', '09:00'] },
      }),
      [O.vtDrenthe]: worldCase({
        agency: O.vtDrenthe, id: 'VTD-2020-1019', phase: 'HANDOVER_WITH_CONDITIONS', since: '2020-10-26', members,
        careProvider: 'Verslavingszorg Noord Nederland',
        reports: [report({
          id: 'VTD-M-2020-1019', received: ['2020-10-19', '09:00'], channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: POLICE, violence: ['PARTNER_VIOLENCE'], children: [],
          narrative: 'Zorgmelding politie: partnergeweld onder invloed van alcohol, geen kinderen thuis.',
          urgency: 'HIGH', assessment: { decided: ['2020-10-23', '16:00'], outcome: 'UNSAFE_HELP_NEEDED' },
          phase: 'HANDOVER_WITH_CONDITIONS', careProvider: 'Verslavingszorg Noord Nederland',
        })],
        referrals: [referral({
          id: 'VTD-O-2020-1019-1', from: O.vtDrenthe, to: null, careProvider: 'Verslavingszorg Noord Nederland', kind: 'VOLUNTARY_CARE',
          reason: 'Alcoholbehandeling als voorwaarde voor veiligheid.', conditions: ['Man volgt behandeling', 'Geen contact onder invloed'],
          warm: true, status: 'RUNNING', created: ['2020-10-26', '10:00'], updated: ['2020-11-30', '10:00'], report: 'VTD-M-2020-1019',
        })],
      }),
    },
  };
}

/**
 * S8, succession (Emmen): the ASHG Drenthe registered the household in 2013 and handed it to the AMK
 * Drenthe in January 2014; that record lives on in the ASHG's archive system, created by the ASHG,
 * controlled by Veilig Thuis Drenthe since 2015. Veilig Thuis Drenthe opened its own case in 2019.
 */
function succession(): WorldHousehold {
  const mother = p(81, 'Marieke Wolters', '1982-05-13', 'PARENT_WITH_AUTHORITY');
  const father = p(82, 'Dennis Wolters', '1980-09-21', 'PARENT_WITH_AUTHORITY');
  const lars = p(83, 'Lars Wolters', '2008-01-30', 'CHILD');
  const femke = p(84, 'Femke Wolters', '2011-07-07', 'CHILD');
  const members = [mother, father, lars, femke];
  const witnesses = [child(lars, 'WITNESS_OF_PARTNER_VIOLENCE'), child(femke, 'WITNESS_OF_PARTNER_VIOLENCE')];
  const now = [child(lars, 'WITNESS_OF_PARTNER_VIOLENCE', 'Esdal College', null), child(femke, 'DIRECT_VICTIM', 'OBS De Kameleon', 'Vertelt de juf over klappen thuis.')];
  return {
    key: 'drenthe-s8', scenario: null,
    story: 'S8 succession: a 2013 record of the ASHG Drenthe (archive, handed to the AMK Drenthe in 2014) and a 2019 case of Veilig Thuis Drenthe on one household.',
    municipality: 'Emmen', address: { street: 'Hoofdstraat', houseNumber: '112', postalCode: '7811EP', city: 'Emmen' }, members,
    cases: {
      [O.ashgDrenthe]: worldCase({
        agency: O.ashgDrenthe, id: 'D-2013-000808', phase: 'HANDED_OVER_TO_AMK', since: '2014-01-15', members, children: witnesses,
        reports: [report({
          id: 'M-2013-000808', received: ['2013-10-08', '10:30'], channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Maatschappelijk werker A. Scholten', type: 'PROFESSIONAL', phone: '0591-555808' },
          violence: ['PARTNER_VIOLENCE'], children: witnesses,
          narrative: 'Moeder meldt zich na een nacht in de opvang; de kinderen zagen het geweld.',
          urgency: 'HIGH', phase: 'HANDED_OVER_TO_AMK',
        })],
        referrals: [
          referral({
            id: 'V-2013-000808', from: O.ashgDrenthe, to: null, careProvider: 'Maatschappelijk werk Emmen', kind: 'VOLUNTARY_CARE',
            reason: 'Vrijwillige hulp na melding partnergeweld.', warm: true, status: 'RETURNED_UNSAFE',
            created: ['2013-10-21', '09:00'], updated: ['2014-01-10', '14:00'], report: 'M-2013-000808',
          }),
          referral({
            id: 'V-2014-000809', from: O.ashgDrenthe, to: O.amkDrenthe, kind: 'HANDOVER_ASHG_TO_AMK',
            reason: 'Hulp stagneert; zorg om de kinderen.', warm: true, status: 'ACCEPTED',
            created: ['2014-01-13', '09:00'], updated: ['2014-01-15', '11:00'], report: 'M-2013-000808',
          }),
        ],
      }),
      [O.vtDrenthe]: worldCase({
        agency: O.vtDrenthe, id: 'VTD-2019-1104', phase: 'MONITORING', since: '2020-03-02', members, children: now, careProvider: 'Yorneo',
        reports: [report({
          id: 'VTD-M-2019-1104', received: ['2019-11-04', '11:45'], channel: 'WEB', kind: 'REPORT',
          reporter: { name: 'Leerkracht P. Hadders', type: 'PROFESSIONAL', phone: '0591-555104' },
          violence: ['PARTNER_VIOLENCE', 'PHYSICAL_CHILD_ABUSE'], children: now,
          narrative: 'Femke vertelt op school over klappen; het geweld tussen de ouders is terug.',
          urgency: 'HIGH', assessment: { decided: ['2019-11-08', '12:00'], outcome: 'UNSAFE_HELP_NEEDED' }, phase: 'MONITORING', careProvider: 'Yorneo',
        })],
        referrals: [referral({
          id: 'VTD-O-2019-1104-1', from: O.vtDrenthe, to: null, careProvider: 'Yorneo', kind: 'VOLUNTARY_CARE',
          reason: 'Gezinsbehandeling met veiligheidsplan.', conditions: ['Veiligheidsplan wordt nageleefd'], warm: true,
          status: 'COMPLETED', created: ['2019-11-18', '10:00'], updated: ['2020-03-02', '10:00'], report: 'VTD-M-2019-1104',
        })],
      }),
    },
  };
}

/** S6, region kinds: a Veilig Thuis Drenthe case in Assen (regiovisie Noord- en Midden-Drenthe) or Emmen (Zuid-Drenthe). */
function regionKind(town: 'Assen' | 'Emmen'): WorldHousehold {
  const assen = town === 'Assen';
  const base = assen ? 61 : 71;
  const mother = p(base, assen ? 'Yvonne Hofstede' : 'Bianca Lanting', assen ? '1990-03-12' : '1986-10-25', 'PARENT_WITH_AUTHORITY');
  const kid = p(base + 1, assen ? 'Sem Hofstede' : 'Ruben Lanting', assen ? '2016-08-14' : '2012-01-19', 'CHILD');
  const members = [mother, kid];
  const witness = [child(kid, 'WITNESS_OF_PARTNER_VIOLENCE')];
  const id = assen ? 'VTD-2025-0410' : 'VTD-2025-0519';
  const wijkteam = assen ? O.wijkteamAssen : O.wijkteamEmmen;
  return {
    key: assen ? 'drenthe-s6-assen' : 'drenthe-s6-emmen', scenario: null,
    story: `S6 region kinds: Veilig Thuis region Drenthe, regiovisie ${assen ? 'Noord- en Midden-Drenthe' : 'Zuid-Drenthe'}, wijkteam ${town}.`,
    municipality: town,
    address: assen
      ? { street: 'Kerkplein', houseNumber: '6', postalCode: '9401HA', city: 'Assen' }
      : { street: 'Wilhelminastraat', houseNumber: '25', postalCode: '7811JE', city: 'Emmen' },
    members,
    cases: {
      [O.vtDrenthe]: worldCase({
        agency: O.vtDrenthe, id, phase: 'HANDOVER_WITH_CONDITIONS', since: assen ? '2025-04-22' : '2025-05-30', members, children: witness,
        reports: [report({
          id: id.replace('VTD-', 'VTD-M-'), received: assen ? ['2025-04-10', '14:20'] : ['2025-05-19', '09:05'], channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Jeugdverpleegkundige GGD Drenthe', type: 'PROFESSIONAL', phone: '0592-555410' },
          violence: ['PARTNER_VIOLENCE'], children: witness,
          narrative: 'Moeder vertelt op het consultatiebureau over geweld van haar ex-partner bij de overdracht van het kind.',
          urgency: 'NORMAL', assessment: { decided: assen ? ['2025-04-16', '11:00'] : ['2025-05-23', '11:00'], outcome: 'UNSAFE_HELP_NEEDED' },
          phase: 'HANDOVER_WITH_CONDITIONS',
        })],
        referrals: [referral({
          id: `${id.replace('VTD-', 'VTD-O-')}-1`, from: O.vtDrenthe, to: wijkteam, kind: 'TO_WIJKTEAM',
          reason: 'Ondersteuning bij omgangsregeling en veiligheid.', conditions: ['Overdracht van het kind op neutraal terrein'], warm: true,
          status: 'ACCEPTED', created: assen ? ['2025-04-22', '10:00'] : ['2025-05-30', '10:00'], updated: assen ? ['2025-04-24', '10:00'] : ['2025-06-03', '10:00'],
          report: id.replace('VTD-', 'VTD-M-'),
        })],
      }),
    },
  };
}

export function drentheHouseholds(): WorldHousehold[] {
  return [scenario1(), scenario2(), scenario3(), scenario4(), scenario5(), scenario6(), succession(), regionKind('Assen'), regionKind('Emmen')];
}
