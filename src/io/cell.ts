/** A plain cell, as every command sees it: its value, where it is, and how Excel showed it. */
export type CellValue = string | number | boolean | Date | null;

export interface Cell {
  /** Sheet name; `''` for a CSV, which has none. */
  sheet: string;
  /** A1 reference as Excel shows it (`C3`). */
  address: string;
  /** 1-based row (for CSV, the line the record starts on). */
  row: number;
  /** 1-based column. */
  col: number;
  /** Formula cells give their cached result, rich text and hyperlinks their text. */
  value: CellValue;
  /** Excel error shown by the cell or its formula result (`#DIV/0!`). */
  error?: string;
  /** The number format shows a percentage: 0.71 is shown as 71 %. */
  percent?: boolean;
  /** Decimals the number format shows (`0.0%` → 1), when it has a format. */
  formatDecimals?: number;
  /** The formula, when the cell has one. */
  formula?: string;
  /** The value was taken from the top-left cell of a merged range. */
  merged?: boolean;
}

export interface Row {
  /** 1-based row number. */
  index: number;
  /** Cells by column: `cells[col - 1]`; gaps are undefined. */
  cells: (Cell | undefined)[];
}

export interface Sheet {
  name: string;
  rows: Row[];
}

export interface Workbook {
  /** The path as the user gave it (`-` for stdin). */
  file: string;
  format: 'xlsx' | 'csv';
  sheets: Sheet[];
  /** What the reader assumed (encoding, delimiter), said back to the user. */
  notes: string[];
}

/** The text a cell shows, for matching headers and labels. */
export function cellText(cell: Cell | undefined): string {
  if (!cell || cell.value == null) return cell?.error ?? '';
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** True when a row holds nothing but blanks. */
export function isBlankRow(row: Row): boolean {
  return row.cells.every((c) => c === undefined || (c.value == null && !c.error) || (typeof c.value === 'string' && c.value.trim() === ''));
}

/** The cells of a row that hold something. */
export function filledCells(row: Row): Cell[] {
  return row.cells.filter((c): c is Cell => c !== undefined && ((c.value != null && String(c.value).trim() !== '') || !!c.error));
}
