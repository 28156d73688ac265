/** The prefixes of the two code forms, apart from health-code.ts's schemas so that presenting needs no zod. */
export const codePrefix = 'SSM1';
/** The compact form's prefix (compact-code.ts), ending in a character of QR alphanumeric mode. */
export const compactPrefix = 'SSM2:';
