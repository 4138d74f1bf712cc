import type { Command } from 'commander';

export function registerIndicadores(program: Command): void {
  program.command('indicadores').description('indicadores de desempeño: validar, calcular y resumir');
}
