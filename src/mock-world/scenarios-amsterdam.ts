/**
 * Amsterdam-Amstelland in the Veilig Thuis era: DOMAIN section 6 replayed with Veilig Thuis
 * Amsterdam-Amstelland, the police unit Amsterdam (which also covers Zaanstreek-Waterland) and
 * Jeugdbescherming Regio Amsterdam, plus issue 11's victim/witness (S5), Raad and case-conference (S4)
 * households. People have regional serials 501..699.
 */
import { WORLD_ORGANISATIONS as O, type WorldHousehold, type WorldPerson } from './model.ts';
import { child, referral, regionalPerson as p, report, worldCase, zorgmelding, type ChildFact, type ZorgmeldingSpec } from './regional-build.ts';

const VT = O.vtAmsterdam;
const POLICE = { name: 'Politie Amsterdam', type: 'POLICE' } as const;

/** The police unit Amsterdam's zorgmelding, accepted by Veilig Thuis Amsterdam-Amstelland the next morning. */
function toVeiligThuis(id: string, registered: ZorgmeldingSpec['registered'], officer: string, members: readonly WorldPerson[],
  children: readonly ChildFact[], facts: Pick<ZorgmeldingSpec, 'violence' | 'narrative' | 'urgency'>, accepted: string): ZorgmeldingSpec {
  return {
    police: O.politieAmsterdam, id, registered, officer, members, children, ...facts,
    referredTo: { agency: VT, reason: 'Zorgmelding huiselijk geweld.', status: 'ACCEPTED', created: [accepted, '08:00'], updated: [accepted, '11:00'] },
  };
}

/** Scenario 1 today (Amsterdam): the children witnessed partner violence; the handover with conditions fails, Veilig Thuis investigates itself. */
function scenario1(): WorldHousehold {
  const mother = p(501, 'Samira Bouzid', '1989-06-04', 'PARENT_WITH_AUTHORITY');
  const father = p(502, 'Youssef Bouzid', '1987-02-19', 'PARENT_WITH_AUTHORITY');
  const imane = p(503, 'Imane Bouzid', '2015-10-12', 'CHILD');
  const adam = p(504, 'Adam Bouzid', '2018-03-29', 'CHILD');
  const members = [mother, father, imane, adam];
  const children = [
    child(imane, 'WITNESS_OF_PARTNER_VIOLENCE', 'OBS De Kolibrie', null),
    child(adam, 'WITNESS_OF_PARTNER_VIOLENCE', null, 'Plast weer in bed, volgens moeder.'),
  ];
  return {
    key: 'amsterdam-scenario-1', scenario: 1,
    story: 'Scenario 1 in the Veilig Thuis era: the conditions of a handover to care fail, Veilig Thuis Amsterdam-Amstelland investigates itself.',
    municipality: 'Amsterdam', address: { street: 'Pieter Calandlaan', houseNumber: '212', postalCode: '1069KK', city: 'Amsterdam' }, members,
    cases: {
      [VT]: worldCase({
        agency: VT, id: 'VTAA-2021-0302', phase: 'OWN_INVESTIGATION', since: '2021-06-14', members, children,
        reports: [report({
          id: 'VTAA-M-2021-0302', received: ['2021-03-02', '08:50'], channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Huisarts M. Koster', type: 'PROFESSIONAL', phone: '020-5550302' },
          violence: ['PARTNER_VIOLENCE'], children,
          narrative: 'Moeder komt met een gekneusde arm; de kinderen waren thuis toen vader haar sloeg.',
          urgency: 'HIGH', assessment: { decided: ['2021-03-08', '16:00'], outcome: 'UNSAFE_HELP_NEEDED' },
          phase: 'OWN_INVESTIGATION', careProvider: 'Levvel',
        })],
        referrals: [referral({
          id: 'VTAA-O-2021-0302-1', from: VT, to: null, careProvider: 'Levvel', kind: 'VOLUNTARY_CARE',
          reason: 'Overdracht met voorwaarden na de veiligheidsbeoordeling.', conditions: ['Geen geweld in bijzijn van de kinderen'], warm: true,
          status: 'RETURNED_UNSAFE', created: ['2021-03-15', '10:00'], updated: ['2021-06-11', '15:00'], report: 'VTAA-M-2021-0302',
        })],
      }),
    },
  };
}

/** Scenario 2 today (Diemen): the police refer to Veilig Thuis, which already had a neighbour's advice request. */
function scenario2(): WorldHousehold {
  const mother = p(511, 'Chantal Mertens', '1990-09-09', 'PARENT_WITH_AUTHORITY');
  const partner = p(512, 'Dirk Verbeek', '1985-12-24', 'STEP_PARENT');
  const luca = p(513, 'Luca Mertens', '2014-07-17', 'CHILD');
  const members = [mother, partner, luca];
  const victim = [child(luca, 'DIRECT_VICTIM')];
  return {
    key: 'amsterdam-scenario-2', scenario: 2,
    story: 'Scenario 2 in the Veilig Thuis era: a police zorgmelding to Veilig Thuis Amsterdam-Amstelland, which already knew the household from an advice request.',
    municipality: 'Diemen', address: { street: 'Ouddiemerlaan', houseNumber: '64', postalCode: '1111HL', city: 'Diemen' }, members,
    cases: {
      [O.politieAmsterdam]: zorgmelding(toVeiligThuis('ZM-2022-104417', ['2022-09-17', '23:40'], 'Agent 4417', members, victim, {
        violence: ['PHYSICAL_CHILD_ABUSE', 'PARTNER_VIOLENCE'], urgency: 'ACUTE',
        narrative: 'Melding burengerucht; jongen met blauwe plekken in de nek, stiefvader agressief tegen agenten.',
      }, '2022-09-18')),
      [VT]: worldCase({
        agency: VT, id: 'VTAA-2022-0905', phase: 'SAFETY_ASSESSMENT', since: '2022-09-19', members,
        children: [child(luca, 'DIRECT_VICTIM', 'Basisschool De Kersenboom', null)],
        reports: [
          report({
            id: 'VTAA-M-2022-0905', received: ['2022-09-05', '20:30'], channel: 'PHONE', kind: 'ADVICE',
            reporter: { name: 'Buurman R. Tol', type: 'CITIZEN', phone: '06-55510905' },
            violence: ['PARTNER_VIOLENCE'], children: [child(luca, 'WITNESS_OF_PARTNER_VIOLENCE')],
            narrative: 'Buurman hoort bijna elke avond ruzie en een huilend kind; vraagt advies.', urgency: 'NORMAL', phase: 'END_OF_INVOLVEMENT',
          }),
          report({
            id: 'VTAA-M-2022-0919', received: ['2022-09-19', '09:10'], channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
            reporter: POLICE, violence: ['PHYSICAL_CHILD_ABUSE', 'PARTNER_VIOLENCE'], children: victim,
            narrative: 'Zorgmelding politie: fysiek geweld tegen het kind door de stiefvader.', urgency: 'ACUTE', assessment: 'pending', phase: 'SAFETY_ASSESSMENT',
          }),
        ],
      }),
    },
  };
}

/** Scenario 3 today (Amsterdam Zuidoost): a 15-year-old the police refer to Veilig Thuis, handed over to the wijkteam (no BJZ any more). */
function scenario3(): WorldHousehold {
  const mother = p(521, 'Gloria Pinas', '1980-01-15', 'PARENT_WITH_AUTHORITY');
  const jayden = p(522, 'Jayden Pinas', '2007-04-02', 'CHILD');
  const members = [mother, jayden];
  const victim = [child(jayden, 'DIRECT_VICTIM')];
  return {
    key: 'amsterdam-scenario-3', scenario: 3,
    story: 'Scenario 3 in the Veilig Thuis era: a 15-year-old referred by the police to Veilig Thuis Amsterdam-Amstelland and handed over to the wijkteam.',
    municipality: 'Amsterdam', address: { street: 'Bijlmerdreef', houseNumber: '1021', postalCode: '1103TX', city: 'Amsterdam' }, members,
    cases: {
      [O.politieAmsterdam]: zorgmelding(toVeiligThuis('ZM-2022-105121', ['2022-11-05', '01:50'], 'Agent 5121', members, victim, {
        violence: ['CHILD_NEGLECT'], urgency: 'HIGH', narrative: 'Jongen van 15 \'s nachts zonder jas bij het metrostation; moeder werkt nachtdiensten.',
      }, '2022-11-07')),
      [VT]: worldCase({
        agency: VT, id: 'VTAA-2022-1107', phase: 'HANDOVER_WITH_CONDITIONS', since: '2022-11-14', members,
        children: [child(jayden, 'DIRECT_VICTIM', 'Bijlmer Collège', 'Verzuimt; zegt thuis niemand te hebben.')],
        reports: [report({
          id: 'VTAA-M-2022-1107', received: ['2022-11-07', '11:00'], channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: POLICE, violence: ['CHILD_NEGLECT'], children: victim,
          narrative: 'Zorgmelding politie: minderjarige \'s nachts op straat, ouder niet bereikbaar.',
          urgency: 'HIGH', assessment: { decided: ['2022-11-11', '13:00'], outcome: 'UNSAFE_HELP_NEEDED' }, phase: 'HANDOVER_WITH_CONDITIONS',
        })],
        referrals: [referral({
          id: 'VTAA-O-2022-1107-1', from: VT, to: O.wijkteamAmsterdam, kind: 'TO_WIJKTEAM',
          reason: 'Ondersteuning van moeder en toezicht op schoolgang.', conditions: ['Jayden is \'s nachts thuis', 'Moeder regelt opvang tijdens nachtdiensten'],
          warm: true, status: 'ACCEPTED', created: ['2022-11-14', '10:00'], updated: ['2022-11-16', '10:00'], report: 'VTAA-M-2022-1107',
        })],
      }),
    },
  };
}

/**
 * Scenario 4 today (Zaanstad): the police unit Amsterdam covers Zaanstreek-Waterland, the Veilig Thuis
 * region Amsterdam-Amstelland does not. As the first wave's handover to the wrong AMK, the police refer
 * the household to Veilig Thuis Amsterdam-Amstelland, which refuses it (it goes to Veilig Thuis
 * Zaanstreek-Waterland, outside this gateway) and holds no case: no Amsterdam-Amstelland covenant
 * reaches the household.
 */
function scenario4(): WorldHousehold {
  const mother = p(531, 'Naomi de Graaf', '1992-05-03', 'PARENT_WITH_AUTHORITY');
  const finn = p(532, 'Finn de Graaf', '2019-11-26', 'CHILD');
  const members = [mother, finn];
  return {
    key: 'amsterdam-scenario-4', scenario: 4,
    story: 'Scenario 4 in the Veilig Thuis era: a Zaanstad household, in the police unit Amsterdam but outside the Veilig Thuis region; Veilig Thuis refuses the referral.',
    municipality: 'Zaanstad', address: { street: 'Westzijde', houseNumber: '88', postalCode: '1506EH', city: 'Zaandam' }, members,
    cases: {
      [O.politieAmsterdam]: zorgmelding({
        police: O.politieAmsterdam, id: 'ZM-2023-106004', registered: ['2023-06-04', '21:15'], officer: 'Agent 6004', members,
        children: [child(finn, 'WITNESS_OF_PARTNER_VIOLENCE')], violence: ['PARTNER_VIOLENCE'], urgency: 'NORMAL',
        narrative: 'Ruzie tussen moeder en ex-partner bij de voordeur; kind van drie huilend in de gang.',
        referredTo: {
          agency: VT, reason: 'Zorgmelding partnergeweld met een minderjarige.',
          status: 'REFUSED', created: ['2023-06-05', '08:00'], updated: ['2023-06-05', '12:00'],
        },
      }),
    },
  };
}

/** Scenario 5 today (Amstelveen): the reporter was promised anonymity. */
function scenario5(): WorldHousehold {
  const mother = p(541, 'Esther Blom', '1985-04-30', 'PARENT_WITH_AUTHORITY');
  const sophie = p(542, 'Sophie Blom', '2016-09-13', 'CHILD');
  const members = [mother, sophie];
  const victim = [child(sophie, 'DIRECT_VICTIM')];
  return {
    key: 'amsterdam-scenario-5', scenario: 5,
    story: 'Scenario 5 in the Veilig Thuis era: a neighbour reports to Veilig Thuis Amsterdam-Amstelland under a promise of anonymity.',
    municipality: 'Amstelveen', address: { street: 'Van der Veerelaan', houseNumber: '19', postalCode: '1181PX', city: 'Amstelveen' }, members,
    cases: {
      [VT]: worldCase({
        agency: VT, id: 'VTAA-2024-0115', phase: 'OWN_INVESTIGATION', since: '2024-01-24', members, children: victim,
        reports: [report({
          id: 'VTAA-M-2024-0115', received: ['2024-01-15', '17:40'], channel: 'WEB', kind: 'REPORT',
          reporter: { name: 'Buurvrouw J. Hoogland', type: 'CITIZEN', anonymityPromised: true, phone: '06-55510115' },
          violence: ['EMOTIONAL_CHILD_ABUSE'], children: victim,
          narrative: 'Moeder scheldt het meisje dagelijks uit en sluit haar buiten op het balkon.',
          restricted: 'Melder is de oppas van het gezin en wil dat niemand weet dat zij belde.',
          urgency: 'NORMAL', assessment: { decided: ['2024-01-19', '10:00'], outcome: 'UNSAFE_HELP_NEEDED' }, phase: 'OWN_INVESTIGATION',
        })],
      }),
    },
  };
}

/** Scenario 6 today (Aalsmeer): partner violence between adults, no children; nothing reaches Jeugdbescherming Regio Amsterdam. */
function scenario6(): WorldHousehold {
  const one = p(551, 'Peter Kok', '1972-08-08', 'PARTNER');
  const two = p(552, 'Wendy Kok', '1974-02-21', 'PARTNER');
  const members = [one, two];
  return {
    key: 'amsterdam-scenario-6', scenario: 6,
    story: 'Scenario 6 in the Veilig Thuis era: partner violence between adults, no children; police to Veilig Thuis, no youth agency involved.',
    municipality: 'Aalsmeer', address: { street: 'Ophelialaan', houseNumber: '140', postalCode: '1431HL', city: 'Aalsmeer' }, members,
    cases: {
      [O.politieAmsterdam]: zorgmelding(toVeiligThuis('ZM-2021-106606', ['2021-12-27', '00:30'], 'Agent 6606', members, [], {
        violence: ['PARTNER_VIOLENCE'], urgency: 'HIGH', narrative: 'Vrouw gewurgd tijdens ruzie; man aangehouden, geen kinderen in huis.',
      }, '2021-12-27')),
      [VT]: worldCase({
        agency: VT, id: 'VTAA-2021-1227', phase: 'HANDOVER_WITH_CONDITIONS', since: '2022-01-05', members, careProvider: 'Arkin',
        reports: [report({
          id: 'VTAA-M-2021-1227', received: ['2021-12-27', '11:00'], channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: POLICE, violence: ['PARTNER_VIOLENCE'], children: [],
          narrative: 'Zorgmelding politie: ernstig partnergeweld (verwurging), geen kinderen thuis.',
          urgency: 'ACUTE', assessment: { decided: ['2021-12-31', '12:00'], outcome: 'ACUTELY_UNSAFE' }, phase: 'HANDOVER_WITH_CONDITIONS', careProvider: 'Arkin',
        })],
        referrals: [referral({
          id: 'VTAA-O-2021-1227-1', from: VT, to: null, careProvider: 'Arkin', kind: 'VOLUNTARY_CARE',
          reason: 'Behandeling van de pleger; veiligheidsplan voor beiden.', conditions: ['Huisverbod wordt nageleefd'], warm: true,
          status: 'RUNNING', created: ['2022-01-05', '10:00'], updated: ['2022-02-14', '10:00'], report: 'VTAA-M-2021-1227',
        })],
      }),
    },
  };
}

/**
 * S5, victim vs witness (Amsterdam): the same route, police zorgmelding to Veilig Thuis and a Veilig
 * Thuis case, once with a child who is a direct victim, once with children who witnessed partner
 * violence only; the children's roles and every report's child involvement agree.
 */
function victimOrWitness(victim: boolean): WorldHousehold {
  const base = victim ? 561 : 571;
  const role = victim ? 'DIRECT_VICTIM' : 'WITNESS_OF_PARTNER_VIOLENCE';
  const adults = victim
    ? [p(base, 'Lieke van Dam', '1993-01-27', 'PARENT_WITH_AUTHORITY'), p(base + 1, 'Marco Ruiter', '1990-06-12', 'STEP_PARENT')]
    : [p(base, 'Joyce Vermeulen', '1988-11-30', 'PARENT_WITH_AUTHORITY'), p(base + 1, 'Kees Vermeulen', '1986-03-05', 'PARENT_WITH_AUTHORITY')];
  const kids = victim
    ? [p(base + 2, 'Bo van Dam', '2017-05-09', 'CHILD')]
    : [p(base + 2, 'Mats Vermeulen', '2015-02-23', 'CHILD'), p(base + 3, 'Evi Vermeulen', '2019-08-01', 'CHILD')];
  const members = [...adults, ...kids];
  const children = kids.map((kid) => child(kid, role));
  const violence = victim ? ['PHYSICAL_CHILD_ABUSE' as const] : ['PARTNER_VIOLENCE' as const];
  const id = victim ? 'VTAA-2025-0731' : 'VTAA-2025-0802';
  const reportId = id.replace('VTAA-', 'VTAA-M-');
  return {
    key: victim ? 'amsterdam-s5-victim' : 'amsterdam-s5-witness', scenario: null,
    story: victim ? 'S5 victim vs witness: a child who is a direct victim (physical abuse).' : 'S5 victim vs witness: children who witnessed partner violence only.',
    municipality: 'Amsterdam',
    address: victim
      ? { street: 'Javastraat', houseNumber: '77', postalCode: '1094HB', city: 'Amsterdam' }
      : { street: 'Meeuwenlaan', houseNumber: '31', postalCode: '1021HS', city: 'Amsterdam' },
    members,
    cases: {
      [O.politieAmsterdam]: zorgmelding(toVeiligThuis(victim ? 'ZM-2025-107301' : 'ZM-2025-107302', victim ? ['2025-07-30', '19:20'] : ['2025-08-01', '22:10'],
        victim ? 'Agent 7301' : 'Agent 7302', members, children, {
          violence, urgency: victim ? 'ACUTE' : 'HIGH',
          narrative: victim
            ? 'Kind met striemen op de rug; stiefvader geeft toe te slaan "als straf".'
            : 'Vader slaat moeder in de woonkamer; beide kinderen zagen het vanaf de trap.',
        }, victim ? '2025-07-31' : '2025-08-02')),
      [VT]: worldCase({
        agency: VT, id, phase: victim ? 'OWN_INVESTIGATION' : 'HANDOVER_WITH_CONDITIONS', since: victim ? '2025-08-08' : '2025-08-11', members, children,
        ...(victim ? {} : { careProvider: 'Blijf Groep' }),
        reports: [report({
          id: reportId, received: victim ? ['2025-07-31', '11:00'] : ['2025-08-02', '11:00'], channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: POLICE, violence, children,
          narrative: victim ? 'Zorgmelding politie: lichamelijke mishandeling van het kind.' : 'Zorgmelding politie: partnergeweld waarvan de kinderen getuige waren.',
          urgency: victim ? 'ACUTE' : 'HIGH',
          assessment: { decided: victim ? ['2025-08-06', '15:00'] : ['2025-08-07', '15:00'], outcome: victim ? 'ACUTELY_UNSAFE' : 'UNSAFE_HELP_NEEDED' },
          phase: victim ? 'OWN_INVESTIGATION' : 'HANDOVER_WITH_CONDITIONS', ...(victim ? {} : { careProvider: 'Blijf Groep' }),
        })],
        // The line S5 draws (kindroute-amsterdam-amstelland): a direct victim is for the certified institution
        // (child protection), children who witnessed partner violence for the Ouder- en Kindteam (voluntary
        // help). The two households are a controlled pair: Veilig Thuis referred each both ways, so only the
        // child's role differs between them, and it alone decides who learns what.
        referrals: [
          ...(victim ? [] : [referral({
            id: `${id.replace('VTAA-', 'VTAA-O-')}-0`, from: VT, to: null, careProvider: 'Blijf Groep', kind: 'VOLUNTARY_CARE',
            reason: 'Hulp bij partnergeweld; aandacht voor de kinderen als getuigen.', conditions: ['Geen geweld in bijzijn van de kinderen'], warm: true,
            status: 'RUNNING', created: ['2025-08-11', '10:00'], updated: ['2025-09-15', '10:00'], report: reportId,
          })]),
          referral({
            id: `${id.replace('VTAA-', 'VTAA-O-')}-1`, from: VT, to: O.giAmsterdam, kind: 'HANDOVER_TO_CERTIFIED_INSTITUTION',
            reason: 'Beoordeling of een kinderbeschermingsmaatregel nodig is.', warm: true,
            status: 'ACCEPTED', created: ['2025-08-20', '10:00'], updated: ['2025-08-22', '10:00'], report: reportId,
          }),
          referral({
            id: `${id.replace('VTAA-', 'VTAA-O-')}-2`, from: VT, to: O.wijkteamAmsterdam, kind: 'TO_WIJKTEAM',
            reason: 'Steun in de wijk voor het gezin.', warm: true,
            status: 'RUNNING', created: ['2025-08-12', '10:00'], updated: ['2025-09-15', '10:00'], report: reportId,
          }),
        ],
      }),
    },
  };
}

/**
 * Raad (Amsterdam): two households with a Veilig Thuis case on a neglected toddler; in one Veilig
 * Thuis asked the Raad voor de Kinderbescherming to investigate (REQUEST_TO_RAAD, accepted), in the
 * other it handed over with conditions. The Raad has a reason to see the one and not the other.
 */
function raad(requested: boolean): WorldHousehold {
  const base = requested ? 581 : 591;
  const mother = p(base, requested ? 'Dewi Sutrisno' : 'Lotte Brouwer', requested ? '1995-12-08' : '1990-07-21', 'PARENT_WITH_AUTHORITY');
  const kid = p(base + 1, requested ? 'Raf Sutrisno' : 'Daan Brouwer', requested ? '2022-04-14' : '2021-10-03', 'CHILD');
  const members = [mother, kid];
  const children = [child(kid, 'DIRECT_VICTIM', 'Kinderdagverblijf De Boomhut', null)];
  const id = requested ? 'VTAA-2025-0911' : 'VTAA-2025-0925';
  const reportId = id.replace('VTAA-', 'VTAA-M-');
  const phase = requested ? 'REQUEST_TO_RAAD' : 'HANDOVER_WITH_CONDITIONS';
  return {
    key: requested ? 'amsterdam-raad-request' : 'amsterdam-raad-none', scenario: null,
    story: requested
      ? 'Raad: Veilig Thuis Amsterdam-Amstelland asked the Raad voor de Kinderbescherming to investigate.'
      : 'Raad: a Veilig Thuis case without a request to the Raad.',
    municipality: 'Amsterdam',
    address: requested
      ? { street: 'Jan Evertsenstraat', houseNumber: '150-3', postalCode: '1056EK', city: 'Amsterdam' }
      : { street: 'Rijnstraat', houseNumber: '58-2', postalCode: '1079HN', city: 'Amsterdam' },
    members,
    cases: {
      [VT]: worldCase({
        agency: VT, id, phase, since: requested ? '2025-10-20' : '2025-10-02', members, children,
        ...(requested ? {} : { careProvider: 'Levvel' }),
        reports: [report({
          id: reportId, received: requested ? ['2025-09-11', '10:20'] : ['2025-09-25', '10:20'], channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Jeugdarts GGD Amsterdam', type: 'PROFESSIONAL', phone: '020-5550911' },
          violence: ['CHILD_NEGLECT'], children,
          narrative: 'Peuter ondervoed op het consultatiebureau; afspraken worden steeds gemist.',
          urgency: 'HIGH', assessment: { decided: requested ? ['2025-09-17', '12:00'] : ['2025-10-01', '12:00'], outcome: 'UNSAFE_HELP_NEEDED' },
          phase, ...(requested ? {} : { careProvider: 'Levvel' }),
        })],
        referrals: [requested
          ? referral({
            id: `${id.replace('VTAA-', 'VTAA-O-')}-1`, from: VT, to: O.raad, kind: 'REQUEST_TO_RAAD',
            reason: 'Ouder werkt niet mee aan hulp; verzoek tot onderzoek naar een kinderbeschermingsmaatregel.',
            status: 'ACCEPTED', created: ['2025-10-20', '09:00'], updated: ['2025-10-22', '14:00'], report: reportId,
          })
          : referral({
            id: `${id.replace('VTAA-', 'VTAA-O-')}-1`, from: VT, to: null, careProvider: 'Levvel', kind: 'VOLUNTARY_CARE',
            reason: 'Opvoedondersteuning met voorwaarden.', conditions: ['Consultatiebureau wekelijks bezocht'], warm: true,
            status: 'RUNNING', created: ['2025-10-02', '09:00'], updated: ['2025-11-03', '09:00'], report: reportId,
          })],
      }),
    },
  };
}

/**
 * S4, the case conference (Amsterdam): the police hold a zorgmelding, Veilig Thuis a case (its request
 * to the Raad completed) and Jeugdbescherming Regio Amsterdam the supervision that followed, so the
 * chair of a casusoverleg can see every agency's involvement in one household.
 */
function caseConference(): WorldHousehold {
  const mother = p(601, 'Marloes Hermans', '1984-01-06', 'PARENT_WITH_AUTHORITY');
  const father = p(602, 'Tom Hermans', '1983-05-28', 'PARENT_WITH_AUTHORITY');
  const julia = p(603, 'Julia Hermans', '2012-12-12', 'CHILD');
  const ties = p(604, 'Ties Hermans', '2016-06-30', 'CHILD');
  const members = [mother, father, julia, ties];
  const children = [child(julia, 'DIRECT_VICTIM'), child(ties, 'WITNESS_OF_PARTNER_VIOLENCE')];
  return {
    key: 'amsterdam-s4', scenario: null,
    story: 'S4 case conference: the police, Veilig Thuis Amsterdam-Amstelland and Jeugdbescherming Regio Amsterdam are all involved.',
    municipality: 'Amsterdam', address: { street: 'Rooseveltlaan', houseNumber: '41-1', postalCode: '1078NK', city: 'Amsterdam' }, members,
    cases: {
      [O.politieAmsterdam]: zorgmelding(toVeiligThuis('ZM-2024-106401', ['2024-04-01', '20:05'], 'Agent 6401', members, children, {
        violence: ['PARTNER_VIOLENCE', 'EMOTIONAL_CHILD_ABUSE'], urgency: 'HIGH',
        narrative: 'Ouders vechten; dochter van 11 probeerde vader tegen te houden en werd weggeduwd.',
      }, '2024-04-02')),
      [VT]: worldCase({
        agency: VT, id: 'VTAA-2024-0402', phase: 'MONITORING', since: '2024-09-02', members,
        children: [child(julia, 'DIRECT_VICTIM', 'Montessori Lyceum Amsterdam', null), child(ties, 'WITNESS_OF_PARTNER_VIOLENCE', 'OBS De Pijp', null)],
        reports: [report({
          id: 'VTAA-M-2024-0402', received: ['2024-04-02', '11:00'], channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: POLICE, violence: ['PARTNER_VIOLENCE', 'EMOTIONAL_CHILD_ABUSE'], children,
          narrative: 'Zorgmelding politie: herhaald partnergeweld; de oudste dochter grijpt in.',
          urgency: 'HIGH', assessment: { decided: ['2024-04-08', '14:00'], outcome: 'UNSAFE_HELP_NEEDED' }, phase: 'MONITORING',
        })],
        referrals: [referral({
          id: 'VTAA-O-2024-0402-1', from: VT, to: O.raad, kind: 'REQUEST_TO_RAAD',
          reason: 'Hulp komt niet op gang; verzoek tot onderzoek naar een ondertoezichtstelling.',
          status: 'COMPLETED', created: ['2024-05-13', '09:00'], updated: ['2024-08-26', '16:00'], report: 'VTAA-M-2024-0402',
        })],
      }),
      [O.giAmsterdam]: worldCase({
        agency: O.giAmsterdam, id: 'jbra-gezin-6401', phase: 'HANDED_OVER_TO_CARE', since: '2024-09-02', members, careProvider: 'Levvel',
        children: [
          child(julia, 'DIRECT_VICTIM', 'Montessori Lyceum Amsterdam', 'Ondertoezichtstelling sinds augustus 2024.'),
          child(ties, 'WITNESS_OF_PARTNER_VIOLENCE', 'OBS De Pijp', 'Ondertoezichtstelling sinds augustus 2024.'),
        ],
      }),
    },
  };
}

export function amsterdamHouseholds(): WorldHousehold[] {
  return [
    scenario1(), scenario2(), scenario3(), scenario4(), scenario5(), scenario6(),
    victimOrWitness(true), victimOrWitness(false), raad(true), raad(false), caseConference(),
  ];
}
