import ExcelJS from 'exceljs';

/** exceljs reads conditional formats into `conditionalFormattings`, which its typings omit. */
export const cfsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;

export async function loadXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/**
 * Everything a reader of the report sees, as plain data to compare: sheet names, views,
 * autofilter, widths, every cell (value, type, formula and result, number format, font,
 * fill, border, alignment) and the conditional formats with their rules and colours.
 */
export function describeWorkbook(wb: ExcelJS.Workbook): unknown {
  return wb.worksheets.map((ws) => {
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        cells[c.address] = {
          value: c.value,
          type: c.type,
          formula: c.formula,
          numFmt: c.numFmt,
          font: c.font,
          fill: c.fill,
          border: c.border,
          alignment: c.alignment,
        };
      }),
    );
    return {
      name: ws.name,
      views: ws.views.map((v) => ({ ...v })),
      autoFilter: ws.autoFilter,
      widths: (ws.columns ?? []).map((c) => c.width),
      rowCount: ws.rowCount,
      cells,
      cfs: (cfsOf(ws) ?? []).map((cf) => ({ ref: cf.ref, rules: cf.rules.map(baseRule) })),
    };
  });
}

/**
 * A rule as both writers write it. exceljs's streaming writer leaves out a data bar's x14
 * extension (solid fill, lengths, axis): the bar is Excel 2007's gradient one there.
 */
function baseRule(r: ExcelJS.ConditionalFormattingRule): unknown {
  if (r.type !== 'dataBar') return { ...r };
  const { type, priority, cfvo, color } = r as ExcelJS.DataBarRuleType & { color: unknown };
  return { type, priority, cfvo, color };
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(chunks));
}
