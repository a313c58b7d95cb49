// GA4GH Data Use Ontology (DUO) in plain language: the permissions and modifiers a consent's
// purpose is made of, as the chain names them, with what each means for a contributor.

/** The kinds of use a consent may allow. `value` names what the permission needs besides. */
export const PERMISSIONS = [
  {
    name: 'HealthMedicalBiomedical', code: 'HMB', term: 'DUO:0000006',
    label: 'Health and medical research',
    explain: 'Research on health, medicine and biology. Not research on population origins or ancestry.',
  },
  {
    name: 'DiseaseSpecific', code: 'DS', term: 'DUO:0000007', value: 'disease',
    label: 'Research on one disease only',
    explain: 'Only research on the disease you name, by its MONDO number (for example 4992 for cancer).',
  },
  {
    name: 'GeneralResearchUse', code: 'GRU', term: 'DUO:0000042',
    label: 'Any research',
    explain: 'Any research purpose, population origins and ancestry included.',
  },
  {
    name: 'PopulationOriginsAncestry', code: 'POA', term: 'DUO:0000011',
    label: 'Population origins and ancestry research only',
    explain: 'Only research on where populations come from and on ancestry.',
  },
  {
    name: 'NoRestriction', code: 'NRES', term: 'DUO:0000004',
    label: 'Any use at all',
    explain: 'No restriction: any use, research or not.',
  },
];

/** The conditions a consent may put on that use. */
export const MODIFIERS = [
  { name: 'NonCommercialUse', code: 'NCU', term: 'DUO:0000046', label: 'Non-commercial use only',
    explain: 'No use for a commercial purpose, whoever the user is.' },
  { name: 'NotForProfitUse', code: 'NPU', term: 'DUO:0000045', label: 'Not-for-profit organisations only',
    explain: 'Only organisations that do not make a profit may use the data.' },
  { name: 'NotForProfitNonCommercialUse', code: 'NPUNCU', term: 'DUO:0000018',
    label: 'Not-for-profit and non-commercial only',
    explain: 'Both: not-for-profit users, for a non-commercial purpose.' },
  { name: 'EthicsApprovalRequired', code: 'IRB', term: 'DUO:0000021', label: 'Ethics approval required',
    explain: 'The ethics committee must approve this consent before it is in force, and each use needs its approval.' },
  { name: 'GeneticStudiesOnly', code: 'GSO', term: 'DUO:0000016', label: 'Genetic studies only',
    explain: 'Only studies of the genetic data, not of the other data.' },
  { name: 'NoPopulationOriginsAncestry', code: 'NPOA', term: 'DUO:0000044',
    label: 'No population origins or ancestry research',
    explain: 'Any research allowed above, except on population origins and ancestry.' },
  { name: 'PublicationRequired', code: 'PUB', term: 'DUO:0000019', label: 'Results must be published',
    explain: 'The user agrees to make the results public.' },
  { name: 'CollaborationRequired', code: 'COL', term: 'DUO:0000020',
    label: 'Collaboration with the original investigators',
    explain: 'The user must work with the investigators of the study that collected the data.' },
  { name: 'ReturnToResource', code: 'RTN', term: 'DUO:0000029', label: 'Derived data returned',
    explain: 'Data derived from yours must be given back to the resource.' },
  { name: 'GeographicalRestriction', code: 'GS', term: 'DUO:0000022', value: 'region',
    valueLabel: 'Region (two-letter code)',
    label: 'Only in one region',
    explain: 'Use only within the region you name, as a two-letter code (FR, DE, or EU).' },
  { name: 'PublicationMoratorium', code: 'MOR', term: 'DUO:0000024', label: 'Publication moratorium',
    explain: 'The user agrees not to publish before the moratorium ends.' },
  { name: 'TimeLimit', code: 'TS', term: 'DUO:0000025', label: 'Limited in time',
    explain: 'Use ends at a date: the consent must have an end date.' },
  { name: 'UserSpecific', code: 'US', term: 'DUO:0000026', label: 'This user only',
    explain: 'Only the one account named as grantee may use the data.' },
  { name: 'InstitutionSpecific', code: 'IS', term: 'DUO:0000028', label: 'This institution only',
    explain: 'Only the institution named as grantee may use the data.' },
  { name: 'ProjectSpecific', code: 'PS', term: 'DUO:0000027', value: 'project',
    valueLabel: 'Project id',
    label: 'One project only',
    explain: 'Only the project you name, by its id (0x and 64 hexadecimal digits, as the study gives it).' },
  { name: 'ResearchSpecific', code: 'RS', term: 'DUO:0000012', value: 'researchType',
    valueLabel: 'Research type (ontology term)',
    label: 'One type of research only',
    explain: 'Only research of the type you name, by its ontology term (for example OBI:0000070).' },
  { name: 'ClinicalCare', code: 'CC', term: 'DUO:0000043', label: 'Clinical care allowed too',
    explain: 'The data may also be used to care for patients.' },
  { name: 'NoGeneralMethodsResearch', code: 'NMDS', term: 'DUO:0000015', label: 'No methods research',
    explain: 'No research on methods (software, algorithms) with the data.' },
];

/** The data categories a scope lists, in words. */
export const CATEGORIES = [
  { name: 'Variants', label: 'genetic variants' },
  { name: 'SequenceReads', label: 'sequence reads' },
  { name: 'Transcriptome', label: 'expression data' },
  { name: 'Phenotype', label: 'traits' },
  { name: 'Clinical', label: 'clinical records' },
  { name: 'Imaging', label: 'medical images' },
];

const byName = (list) => Object.fromEntries(list.map((entry) => [entry.name, entry]));
export const PERMISSION = byName(PERMISSIONS);
export const MODIFIER = byName(MODIFIERS);
export const CATEGORY = byName(CATEGORIES);

/** A region code as the chain keeps it (two upper-case letters), or an error saying why not. */
export function regionCode(text) {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new Error(`"${text}" is not a two-letter region code`);
  return code;
}

/** A MONDO disease number, or an error saying why not. */
export function diseaseCode(text) {
  const number = Number(text.trim().replace(/^MONDO:0*/i, ''));
  if (!Number.isInteger(number) || number <= 0 || number > 0xffffffff) {
    throw new Error(`"${text}" is not a MONDO disease number`);
  }
  return number;
}
