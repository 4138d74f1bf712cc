// The floor for CSV: csv-parse streaming every record of the file, decoded as Windows-1252.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
const parser = createReadStream(process.argv[2]).pipe(parse({ delimiter: ';', encoding: 'latin1', relax_column_count: true }));
for await (const record of parser) records += record.length > 0 ? 1 : 0;
process.stdout.write(`${records}\n`);
