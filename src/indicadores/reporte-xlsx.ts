import type { Tabla } from '../render/model.js';
import { LibroXlsxEnFlujo, type OpcionesXlsxEnFlujo, type TablaEnFlujo } from '../render/xlsx-stream.js';
import { cumplimientosDe, type CumplimientoAnual, type ConfigCumplimiento } from './calcular.js';
import { AcumuladorServicios, calcularResultado, filaServicio, filasCumplimiento, filasValores, notasServicios } from './reporte.js';
import type { Indicador } from './schema.js';

/**
 * `calcular` as the xlsx report, written while the file is read, in bounded memory: the same
 * workbook as `renderXlsx(calcularResultado(…))` (sheets Valores, Cumplimiento, Servicios).
 * Valores rows go out as each indicator is read; Cumplimiento rows wait in a temporary file
 * until Valores is done; only the servicio summaries are kept to the end.
 */
export class SalidaCalcularXlsx {
  private readonly servicios = new AcumuladorServicios();
  private readonly libro: LibroXlsxEnFlujo;
  private readonly tablas: Tabla[];
  private readonly valores: TablaEnFlujo;
  private readonly cumplimiento: TablaEnFlujo;

  constructor(
    private readonly opts: { archivo: string; cfg: ConfigCumplimiento; anio?: number },
    write: (bytes: Uint8Array) => void,
    flujo: OpcionesXlsxEnFlujo = {},
  ) {
    // The tables' titles, columns and empty-table notes, as calcularResultado names them.
    const vacio = calcularResultado({ archivo: opts.archivo, hojas: [], layout: 'tabular', indicadores: [], productos: null }, opts.cfg, [], opts.anio);
    this.tablas = vacio.tablas;
    this.libro = new LibroXlsxEnFlujo(write, vacio, flujo);
    this.valores = this.libro.tabla(this.tablas[0]);
    this.cumplimiento = this.libro.tabla(this.tablas[1]);
  }

  /** One indicator; its cumplimientos when already computed (with the same configuration). */
  add(ind: Indicador, cumplimientos: CumplimientoAnual[] = cumplimientosDe(ind, this.opts.cfg)): void {
    this.servicios.add(ind, cumplimientos);
    for (const r of filasValores(ind)) this.valores.fila(r);
    for (const r of filasCumplimiento(ind, cumplimientos)) this.cumplimiento.fila(r);
  }

  /** A promise while the workbook's compressor is behind: the reader waits for it. */
  espera(): Promise<void> | null {
    return this.libro.espera();
  }

  async finish(): Promise<void> {
    if (this.cumplimiento.filas === 0) this.cumplimiento.notas = this.tablas[1].notas ?? [];
    const servicios = this.servicios.result(this.opts.anio);
    await this.libro.cerrar([{ ...this.tablas[2], filas: servicios.map(filaServicio), notas: notasServicios(servicios) }]);
  }

  abort(): void {
    this.libro.abort();
  }
}
