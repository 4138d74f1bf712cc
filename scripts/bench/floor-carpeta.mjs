// The floor for `pbr validar <carpeta>`: one process reading every workbook of the folder once,
// .xlsx with exceljs's streaming reader and .csv with csv-parse, touching every cell.
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';

const dir = process.argv[2];
let cells = 0;
for (const name of readdirSync(dir).filter((f) => /\.(xlsx|csv)$/.test(f)).sort()) {
  const file = join(dir, name);
  if (name.endsWith('.xlsx')) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
    for await (const ws of reader) {
      for await (const row of ws) {
        row.eachCell({ includeEmpty: false }, (c) => {
          if (c.value !== undefined) cells++;
        });
      }
    }
  } else {
    for await (const record of createReadStream(file).pipe(parse({ delimiter: ';', encoding: 'latin1', relax_column_count: true }))) cells += record.length;
  }
}
process.stdout.write(`${cells}\n`);
