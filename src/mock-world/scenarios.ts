/**
 * The six households of DOMAIN.md section 6, known to the agencies under their own identifiers.
 * Serials 1..99 are reserved for these; the generator starts above them.
 */
import { CONTACTS, fiveWorkingDaysAfter, person } from './build.ts';
import type { WorldHousehold } from './model.ts';
import { WORLD_AGENCIES as A } from './model.ts';

/** 1. Groningen: partner violence, two children witnessed it; ASHG refers, help stalls, handover to AMK. */
function scenario1(): WorldHousehold {
  const mother = person(1, 'Anna de Vries', '1988-04-12', 'PARENT_WITH_AUTHORITY');
  const father = person(2, 'Bram de Vries', '1986-09-30', 'PARENT_WITH_AUTHORITY');
  const sanne = person(3, 'Sanne de Vries', '2017-06-03', 'CHILD');
  const tim = person(4, 'Tim de Vries', '2020-01-21', 'CHILD');
  const members = [mother, father, sanne, tim];
  return {
    key: 'scenario-1', scenario: 1, municipality: 'Groningen',
    address: { street: 'Oosterstraat', houseNumber: '12a', postalCode: '9711NN', city: 'Groningen' },
    members,
    cases: {
      [A.ashg]: {
        householdLocalId: 'D-2026-000101', phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE', since: '2026-03-02',
        careProvider: null, contact: CONTACTS[A.ashg]!, memberBsns: members.map((m) => m.bsn),
        children: [
          { bsn: sanne.bsn, school: null, situation: null, role: 'WITNESS_OF_PARTNER_VIOLENCE' },
          { bsn: tim.bsn, school: null, situation: null, role: 'WITNESS_OF_PARTNER_VIOLENCE' },
        ],
        reports: [{
          localId: 'M-2026-000101', receivedAt: '2026-03-02T09:14:00+01:00', channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Huisarts J. Bakker', type: 'PROFESSIONAL', anonymityPromised: false, phone: '050-5550101' },
          violenceTypes: ['PARTNER_VIOLENCE'],
          childInvolvement: [
            { bsn: sanne.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' },
            { bsn: tim.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' },
          ],
          narrative: 'Moeder meldt herhaald fysiek geweld door partner; beide kinderen waren thuis en getuige.',
          restrictedInformation: null, urgency: 'HIGH',
          safetyAssessment: { dueBy: fiveWorkingDaysAfter('2026-03-02'), decidedAt: '2026-03-05T16:00:00+01:00', outcome: 'UNSAFE_HELP_NEEDED' },
          phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE', receivingCareProvider: 'Stichting Kompaan en De Bocht',
        }],
        referrals: [
          {
            localId: 'V-2026-000101', fromAgencyId: A.ashg, toAgencyId: null, toCareProvider: 'Stichting Kompaan en De Bocht',
            kind: 'VOLUNTARY_CARE', reason: 'Vrijwillige gezinshulp na melding partnergeweld.',
            safetyConditions: ['Geen geweld in bijzijn van kinderen'], warmHandover: true, status: 'RETURNED_UNSAFE',
            createdAt: '2026-03-09T10:00:00+01:00', updatedAt: '2026-06-15T11:30:00+02:00', reportLocalId: 'M-2026-000101',
          },
          {
            localId: 'V-2026-000102', fromAgencyId: A.ashg, toAgencyId: A.amk, toCareProvider: null,
            kind: 'HANDOVER_ASHG_TO_AMK', reason: 'Hulp stagneert; zorg om de kinderen.',
            safetyConditions: [], warmHandover: true, status: 'ACCEPTED',
            createdAt: '2026-06-16T09:00:00+02:00', updatedAt: '2026-06-18T14:00:00+02:00', reportLocalId: 'M-2026-000101',
          },
        ],
      },
      [A.amk]: {
        householdLocalId: 'AMK-2026-0042', phase: 'INVESTIGATION', phaseCategory: 'INVESTIGATION', since: '2026-06-18',
        careProvider: null, contact: CONTACTS[A.amk]!, memberBsns: members.map((m) => m.bsn),
        children: [
          { bsn: sanne.bsn, school: 'OBS De Wereldster', situation: 'Teruggetrokken in de klas sinds voorjaar.', role: 'WITNESS_OF_PARTNER_VIOLENCE' },
          { bsn: tim.bsn, school: 'Kinderdagverblijf Het Molentje', situation: 'Slaapproblemen, volgens moeder.', role: 'WITNESS_OF_PARTNER_VIOLENCE' },
        ],
        reports: [{
          localId: 'AMK-M-2026-0042', receivedAt: '2026-06-18T14:00:00+02:00', channel: 'IN_PERSON', kind: 'REPORT',
          reporter: { name: 'ASHG Groningen', type: 'PROFESSIONAL', anonymityPromised: false, phone: '050-0000001' },
          violenceTypes: ['PARTNER_VIOLENCE', 'EMOTIONAL_CHILD_ABUSE'],
          childInvolvement: [
            { bsn: sanne.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' },
            { bsn: tim.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' },
          ],
          narrative: 'Overdracht door ASHG: vrijwillige hulp gestagneerd, kinderen blijvend getuige van geweld.',
          restrictedInformation: null, urgency: 'HIGH',
          safetyAssessment: { dueBy: fiveWorkingDaysAfter('2026-06-18'), decidedAt: '2026-06-23T12:00:00+02:00', outcome: 'UNSAFE_HELP_NEEDED' },
          phase: 'INVESTIGATION', phaseCategory: 'INVESTIGATION', receivingCareProvider: null,
        }],
        referrals: [],
      },
    },
  };
}

/** 2. Police report straight to the AMK while the ASHG also has a report; case status tells the ASHG. */
function scenario2(): WorldHousehold {
  const mother = person(11, 'Fatima El Amrani', '1990-11-02', 'PARENT_WITH_AUTHORITY');
  const partner = person(12, 'Kevin Smit', '1989-02-17', 'STEP_PARENT');
  const noah = person(13, 'Noah El Amrani', '2015-08-09', 'CHILD');
  const members = [mother, partner, noah];
  return {
    key: 'scenario-2', scenario: 2, municipality: 'Midden-Groningen',
    address: { street: 'Hoofdstraat', houseNumber: '88', postalCode: '9601AB', city: 'Hoogezand' },
    members,
    cases: {
      [A.politie]: {
        householdLocalId: 'ZM-2026-004711', phase: 'REFERRED', phaseCategory: 'ASSESSMENT', since: '2026-09-12',
        careProvider: null, contact: CONTACTS[A.politie]!, memberBsns: members.map((m) => m.bsn),
        children: [{ bsn: noah.bsn, school: null, situation: null, role: 'DIRECT_VICTIM' }],
        reports: [{
          localId: 'ZM-2026-004711', receivedAt: '2026-09-12T23:40:00+02:00', channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: { name: 'Agent 4711', type: 'POLICE', anonymityPromised: false, phone: null },
          violenceTypes: ['PHYSICAL_CHILD_ABUSE', 'PARTNER_VIOLENCE'],
          childInvolvement: [{ bsn: noah.bsn, role: 'DIRECT_VICTIM' }],
          narrative: 'Melding burengerucht; jongen met blauwe plek aan de arm, stiefvader agressief.',
          restrictedInformation: null, urgency: 'ACUTE', safetyAssessment: null,
          phase: 'REFERRED', phaseCategory: 'ASSESSMENT', receivingCareProvider: null,
        }],
        referrals: [{
          localId: 'ZM-2026-004711-V1', fromAgencyId: A.politie, toAgencyId: A.amk, toCareProvider: null,
          kind: 'POLICE_TO_AMK', reason: 'Vermoeden kindermishandeling na huiselijk geweld.',
          safetyConditions: [], warmHandover: false, status: 'ACCEPTED',
          createdAt: '2026-09-13T08:00:00+02:00', updatedAt: '2026-09-14T10:00:00+02:00', reportLocalId: 'ZM-2026-004711',
        }],
      },
      [A.amk]: {
        householdLocalId: 'AMK-2026-0077', phase: 'INTAKE', phaseCategory: 'ASSESSMENT', since: '2026-09-14',
        careProvider: null, contact: CONTACTS[A.amk]!, memberBsns: members.map((m) => m.bsn),
        children: [{ bsn: noah.bsn, school: 'CBS De Fontein', situation: 'Leerkracht ziet vaker blauwe plekken.', role: 'DIRECT_VICTIM' }],
        reports: [{
          localId: 'AMK-M-2026-0077', receivedAt: '2026-09-14T10:00:00+02:00', channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: { name: 'Politie Noord-Nederland', type: 'POLICE', anonymityPromised: false, phone: null },
          violenceTypes: ['PHYSICAL_CHILD_ABUSE'], childInvolvement: [{ bsn: noah.bsn, role: 'DIRECT_VICTIM' }],
          narrative: 'Zorgmelding politie; onderzoek naar fysieke mishandeling door stiefvader.',
          restrictedInformation: null, urgency: 'ACUTE',
          safetyAssessment: { dueBy: fiveWorkingDaysAfter('2026-09-14'), decidedAt: null, outcome: null },
          phase: 'INTAKE', phaseCategory: 'ASSESSMENT', receivingCareProvider: 'Accare kinder- en jeugdpsychiatrie',
        }],
        referrals: [],
      },
      [A.ashg]: {
        householdLocalId: 'D-2026-000202', phase: 'REPORT_RECEIVED', phaseCategory: 'SIGNAL', since: '2026-08-30',
        careProvider: null, contact: CONTACTS[A.ashg]!, memberBsns: [mother.bsn, partner.bsn, noah.bsn],
        children: [{ bsn: noah.bsn, school: null, situation: null, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
        reports: [{
          localId: 'M-2026-000202', receivedAt: '2026-08-30T19:05:00+02:00', channel: 'PHONE', kind: 'ADVICE',
          reporter: { name: 'Buurman P. Jansen', type: 'CITIZEN', anonymityPromised: false, phone: '06-55500202' },
          violenceTypes: ['PARTNER_VIOLENCE'], childInvolvement: [{ bsn: noah.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
          narrative: 'Buurman hoort regelmatig ruzie en geschreeuw; vraagt advies.',
          restrictedInformation: null, urgency: 'NORMAL', safetyAssessment: null,
          phase: 'REPORT_RECEIVED', phaseCategory: 'SIGNAL', receivingCareProvider: null,
        }],
        referrals: [],
      },
    },
  };
}

/** 3. A 15-year-old the police refer to Bureau Jeugdzorg under the 0-18 covenant. */
function scenario3(): WorldHousehold {
  const father = person(21, 'Marco Hendriks', '1978-05-01', 'PARENT_WITH_AUTHORITY');
  const lisa = person(22, 'Lisa Hendriks', '2011-05-14', 'CHILD');
  const members = [father, lisa];
  return {
    key: 'scenario-3', scenario: 3, municipality: 'Groningen',
    address: { street: 'Paterswoldseweg', houseNumber: '301', postalCode: '9727BW', city: 'Groningen' },
    members,
    cases: {
      [A.politie]: {
        householdLocalId: 'ZM-2026-005120', phase: 'REFERRED', phaseCategory: 'ASSESSMENT', since: '2026-10-03',
        careProvider: null, contact: CONTACTS[A.politie]!, memberBsns: members.map((m) => m.bsn),
        children: [{ bsn: lisa.bsn, school: null, situation: null, role: 'DIRECT_VICTIM' }],
        reports: [{
          localId: 'ZM-2026-005120', receivedAt: '2026-10-03T02:15:00+02:00', channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
          reporter: { name: 'Agent 5120', type: 'POLICE', anonymityPromised: false, phone: null },
          violenceTypes: ['CHILD_NEGLECT'], childInvolvement: [{ bsn: lisa.bsn, role: 'DIRECT_VICTIM' }],
          narrative: 'Meisje van 15 \'s nachts alleen op straat aangetroffen; vader onbereikbaar.',
          restrictedInformation: null, urgency: 'HIGH', safetyAssessment: null,
          phase: 'REFERRED', phaseCategory: 'ASSESSMENT', receivingCareProvider: null,
        }],
        referrals: [{
          localId: 'ZM-2026-005120-V1', fromAgencyId: A.politie, toAgencyId: A.bjz, toCareProvider: null,
          kind: 'POLICE_TO_BJZ', reason: 'Vroegsignalering minderjarige (convenant 0-18).',
          safetyConditions: [], warmHandover: false, status: 'RUNNING',
          createdAt: '2026-10-03T09:00:00+02:00', updatedAt: '2026-10-06T09:00:00+02:00', reportLocalId: 'ZM-2026-005120',
        }],
      },
      [A.bjz]: {
        householdLocalId: 'bjz-gezin-7f3a', phase: 'INTAKE', phaseCategory: 'ASSESSMENT', since: '2026-10-06',
        careProvider: 'Jeugdhulp Groningen Stad', contact: CONTACTS[A.bjz]!, memberBsns: members.map((m) => m.bsn),
        children: [{ bsn: lisa.bsn, school: 'Praedinius Gymnasium', situation: 'Spijbelt; zegt niet thuis te willen zijn.', role: 'DIRECT_VICTIM' }],
        reports: [],
        referrals: [{
          localId: 'bjz-aanmelding-5120', fromAgencyId: A.politie, toAgencyId: A.bjz, toCareProvider: 'Jeugdhulp Groningen Stad',
          kind: 'POLICE_TO_BJZ', reason: 'Aanmelding via politie, convenant 0-18.',
          safetyConditions: [], warmHandover: false, status: 'RUNNING',
          createdAt: '2026-10-06T09:00:00+02:00', updatedAt: '2026-10-20T13:00:00+02:00', reportLocalId: null,
        }],
      },
    },
  };
}

/** 4. A household in Drenthe, out of reach of the Groningen covenants (a handover was filed to the wrong AMK). */
function scenario4(): WorldHousehold {
  const mother = person(31, 'Ingrid Bos', '1984-07-22', 'PARENT_WITH_AUTHORITY');
  const father = person(32, 'Henk Bos', '1982-12-05', 'PARENT_WITH_AUTHORITY');
  const daan = person(33, 'Daan Bos', '2016-03-30', 'CHILD');
  const members = [mother, father, daan];
  return {
    key: 'scenario-4', scenario: 4, municipality: 'Assen',
    address: { street: 'Kloosterstraat', houseNumber: '4', postalCode: '9401KE', city: 'Assen' },
    members,
    cases: {
      [A.ashg]: {
        householdLocalId: 'D-2026-000404', phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE', since: '2026-05-11',
        careProvider: null, contact: CONTACTS[A.ashg]!, memberBsns: members.map((m) => m.bsn),
        children: [{ bsn: daan.bsn, school: null, situation: null, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
        reports: [{
          localId: 'M-2026-000404', receivedAt: '2026-05-11T11:20:00+02:00', channel: 'EMAIL', kind: 'REPORT',
          reporter: { name: 'Wijkverpleegkundige R. Mulder', type: 'PROFESSIONAL', anonymityPromised: false, phone: '0592-555404' },
          violenceTypes: ['PARTNER_VIOLENCE'], childInvolvement: [{ bsn: daan.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
          narrative: 'Gezin verhuisd naar Assen; melding binnengekomen bij ASHG Groningen.',
          restrictedInformation: null, urgency: 'NORMAL', safetyAssessment: null,
          phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE', receivingCareProvider: null,
        }],
        referrals: [{
          localId: 'V-2026-000404', fromAgencyId: A.ashg, toAgencyId: A.amk, toCareProvider: null,
          kind: 'HANDOVER_ASHG_TO_AMK', reason: 'Overdracht; gezin woont buiten de regio (had naar Drenthe gemoeten).',
          safetyConditions: [], warmHandover: false, status: 'ACCEPTED',
          createdAt: '2026-05-20T09:00:00+02:00', updatedAt: '2026-05-21T09:00:00+02:00', reportLocalId: 'M-2026-000404',
        }],
      },
    },
  };
}

/** 5. A report whose reporter was promised anonymity; the case went to the AMK. */
function scenario5(): WorldHousehold {
  const mother = person(41, 'Petra Kramer', '1992-01-19', 'PARENT_WITH_AUTHORITY');
  const jesse = person(42, 'Jesse Kramer', '2019-10-10', 'CHILD');
  const members = [mother, jesse];
  return {
    key: 'scenario-5', scenario: 5, municipality: 'Westerkwartier',
    address: { street: 'Zuiderweg', houseNumber: '7', postalCode: '9801AA', city: 'Zuidhorn' },
    members,
    cases: {
      [A.ashg]: {
        householdLocalId: 'D-2026-000505', phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE', since: '2026-07-01',
        careProvider: null, contact: CONTACTS[A.ashg]!, memberBsns: members.map((m) => m.bsn),
        children: [{ bsn: jesse.bsn, school: null, situation: null, role: 'DIRECT_VICTIM' }],
        reports: [{
          localId: 'M-2026-000505', receivedAt: '2026-07-01T08:30:00+02:00', channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Buurvrouw G. Veenstra', type: 'CITIZEN', anonymityPromised: true, phone: '06-55500505' },
          violenceTypes: ['CHILD_NEGLECT'], childInvolvement: [{ bsn: jesse.bsn, role: 'DIRECT_VICTIM' }],
          narrative: 'Kind van 6 speelt dagelijks tot laat alleen buiten, vaak zonder jas of eten.',
          restrictedInformation: 'Melder woont naast het gezin en wil niet dat de moeder dit weet.',
          urgency: 'NORMAL', safetyAssessment: { dueBy: fiveWorkingDaysAfter('2026-07-01'), decidedAt: '2026-07-06T10:00:00+02:00', outcome: 'UNSAFE_HELP_NEEDED' },
          phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE', receivingCareProvider: null,
        }],
        referrals: [{
          localId: 'V-2026-000505', fromAgencyId: A.ashg, toAgencyId: A.amk, toCareProvider: null,
          kind: 'HANDOVER_ASHG_TO_AMK', reason: 'Zorg om verwaarlozing; moeder weigert hulp.',
          safetyConditions: [], warmHandover: true, status: 'ACCEPTED',
          createdAt: '2026-07-08T09:00:00+02:00', updatedAt: '2026-07-09T09:00:00+02:00', reportLocalId: 'M-2026-000505',
        }],
      },
    },
  };
}

/** 6. Partner violence between adults, no children at home: nothing of it reaches the AMK. */
function scenario6(): WorldHousehold {
  const one = person(51, 'Erik Visser', '1975-03-08', 'PARTNER');
  const two = person(52, 'Monique Visser', '1977-06-25', 'PARTNER');
  const members = [one, two];
  return {
    key: 'scenario-6', scenario: 6, municipality: 'Eemsdelta',
    address: { street: 'Nieuwstad', houseNumber: '23', postalCode: '9901AP', city: 'Appingedam' },
    members,
    cases: {
      [A.ashg]: {
        householdLocalId: 'D-2026-000606', phase: 'PLAN_TO_HELP', phaseCategory: 'CARE', since: '2026-04-14',
        careProvider: 'Lentis', contact: CONTACTS[A.ashg]!, memberBsns: members.map((m) => m.bsn),
        children: [],
        reports: [{
          localId: 'M-2026-000606', receivedAt: '2026-04-14T13:45:00+02:00', channel: 'PHONE', kind: 'REPORT',
          reporter: { name: 'Monique Visser', type: 'CITIZEN', anonymityPromised: false, phone: '06-55500606' },
          violenceTypes: ['PARTNER_VIOLENCE'], childInvolvement: [],
          narrative: 'Vrouw meldt psychisch en fysiek geweld door echtgenoot; geen kinderen thuis.',
          restrictedInformation: null, urgency: 'HIGH', safetyAssessment: null,
          phase: 'PLAN_TO_HELP', phaseCategory: 'CARE', receivingCareProvider: 'Lentis',
        }],
        referrals: [{
          localId: 'V-2026-000606', fromAgencyId: A.ashg, toAgencyId: null, toCareProvider: 'Lentis',
          kind: 'VOLUNTARY_CARE', reason: 'Hulp bij relatieproblematiek en geweld.',
          safetyConditions: [], warmHandover: true, status: 'RUNNING',
          createdAt: '2026-04-20T09:00:00+02:00', updatedAt: '2026-05-01T09:00:00+02:00', reportLocalId: 'M-2026-000606',
        }],
      },
    },
  };
}

export function scenarioHouseholds(): WorldHousehold[] {
  return [scenario1(), scenario2(), scenario3(), scenario4(), scenario5(), scenario6()];
}
