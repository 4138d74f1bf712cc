// pbr's current reader alone (dist/io/read-workbook.js): what any command pays before its own work.
import { readWorkbook } from '../../dist/io/read-workbook.js';

const wb = await readWorkbook(process.argv[2]);
let cells = 0;
for (const s of wb.sheets) for (const r of s.rows) for (const c of r.cells) if (c) cells++;
process.stdout.write(`${cells}\n`);
