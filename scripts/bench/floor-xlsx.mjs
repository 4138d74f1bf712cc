// The floor for .xlsx: exceljs's streaming WorkbookReader touching every cell, nothing else.
import ExcelJS from 'exceljs';

const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
let cells = 0;
for await (const ws of reader) {
  for await (const row of ws) {
    row.eachCell({ includeEmpty: false }, (c) => {
      if (c.value !== undefined) cells++;
    });
  }
}
process.stdout.write(`${cells}\n`);
