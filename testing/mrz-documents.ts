/**
 * Travel documents to put in front of the camera: their MRZ lines written out as ICAO 9303 says, check
 * digits computed here (7-3-1 weights over 0–9, A–Z = 10–35, < = 0), independently of the reader under test.
 */
export interface TravelDocument {
  format: 'TD1' | 'TD3';
  documentCode: string;
  issuingState: string;
  nationality: string;
  number: string;
  surname: string;
  givenNames: string;
  /** YYMMDD */
  birth: string;
  sex: 'M' | 'F' | '<';
  /** YYMMDD */
  expiry: string;
  optional?: string;
}

const value = (char: string) => (char === '<' ? 0 : /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55);

export function checkDigit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i += 1) sum += value(field.charAt(i)) * (weights[i % 3] ?? 0);
  return String(sum % 10);
}

const pad = (text: string, length: number) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '<').padEnd(length, '<').slice(0, length);
const clean = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '<');
const nameField = (document: TravelDocument, length: number) => `${clean(document.surname)}<<${clean(document.givenNames)}`.padEnd(length, '<').slice(0, length);

export function mrzLines(document: TravelDocument): string[] {
  const number = pad(document.number, 9);
  const numberCheck = checkDigit(number);
  const birth = `${document.birth}${checkDigit(document.birth)}`;
  const expiry = `${document.expiry}${checkDigit(document.expiry)}`;
  if (document.format === 'TD3') {
    const optional = pad(document.optional ?? '', 14);
    const optionalCheck = document.optional ? checkDigit(optional) : '<';
    const line1 = pad(`${document.documentCode}<${document.issuingState}`, 5) + nameField(document, 39);
    const body = `${number}${numberCheck}${pad(document.nationality, 3)}${birth}${document.sex}${expiry}${optional}${optionalCheck}`;
    const composite = checkDigit(`${number}${numberCheck}${birth}${expiry}${optional}${optionalCheck}`);
    return [line1, `${body}${composite}`];
  }
  const optional1 = pad(document.optional ?? '', 15);
  const line1 = `${pad(document.documentCode, 2)}${pad(document.issuingState, 3)}${number}${numberCheck}${optional1}`;
  const line2Start = `${birth}${document.sex}${expiry}${pad(document.nationality, 3)}${pad('', 11)}`;
  const composite = checkDigit(`${line1.slice(5)}${line2Start.slice(0, 7)}${line2Start.slice(8, 15)}${line2Start.slice(18)}`);
  return [line1, `${line2Start}${composite}`, nameField(document, 30)];
}

/** The people whose documents the tests and the benchmark read: several states, both formats, hard letters. */
export const travelDocuments: readonly TravelDocument[] = [
  { format: 'TD3', documentCode: 'P', issuingState: 'GBR', nationality: 'GBR', number: '925076473', surname: 'SMITH', givenNames: 'OLIVIA ROSE', birth: '880214', sex: 'F', expiry: '300906' },
  { format: 'TD3', documentCode: 'P', issuingState: 'USA', nationality: 'USA', number: 'E01938824', surname: 'OCONNOR', givenNames: 'BRENDAN', birth: '750630', sex: 'M', expiry: '270411' },
  { format: 'TD3', documentCode: 'P', issuingState: 'D', nationality: 'D', number: 'C01X00T47', surname: 'MUSTERMANN', givenNames: 'ERIKA', birth: '640812', sex: 'F', expiry: '310131' },
  { format: 'TD3', documentCode: 'P', issuingState: 'CHN', nationality: 'CHN', number: 'EB1234567', surname: 'ZHANG', givenNames: 'XIAOSAN', birth: '900101', sex: 'M', expiry: '320115' },
  { format: 'TD3', documentCode: 'P', issuingState: 'HKG', nationality: 'CHN', number: 'K01234568', surname: 'CHAN', givenNames: 'TAI MAN', birth: '820509', sex: 'M', expiry: '290722', optional: 'Z6831004' },
  { format: 'TD1', documentCode: 'I', issuingState: 'FRA', nationality: 'FRA', number: 'X4RTBPFW4', surname: 'MARTIN', givenNames: 'MAELYS GAELLE', birth: '900713', sex: 'F', expiry: '300211' },
  { format: 'TD1', documentCode: 'ID', issuingState: 'NLD', nationality: 'NLD', number: 'SPECI2021', surname: 'DE BRUIJN', givenNames: 'WILLEKE', birth: '650310', sex: 'F', expiry: '310802', optional: '999999990' },
];
