import type { ValidationReport } from './report.js';

/** Base of the errors pbr turns into one Spanish line and an exit code. */
export abstract class PbrError extends Error {
  abstract readonly exitCode: 1 | 2;
}

/** Wrong command line: unknown option, bad value, missing argument (exit 2). */
export class UsageError extends PbrError {
  readonly exitCode = 2 as const;
  override name = 'UsageError';
}

/** A file that cannot be read: missing, unreadable, not a workbook, over a limit (exit 2). */
export class InputError extends PbrError {
  readonly exitCode = 2 as const;
  override name = 'InputError';
  constructor(message: string, readonly archivo?: string) {
    super(message);
  }
}

/** The data was read but is invalid; carries the validation report (exit 1). */
export class DataInvalidError extends PbrError {
  readonly exitCode = 1 as const;
  override name = 'DataInvalidError';
  constructor(message: string, readonly reports: ValidationReport[]) {
    super(message);
  }
}
