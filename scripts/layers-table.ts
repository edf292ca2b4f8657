/**
 * `npm run layers:table`: the README's "who may import whom" table, printed from layers.json (the file
 * the import rules are made from), so the two cannot drift: tests/architecture/layers.test.ts checks
 * that the README holds exactly this table.
 */
import { readFileSync } from 'node:fs';
import { parseCommandLine, runCommand } from './cli.ts';

interface Layer {
  readonly name: string;
  readonly path: string;
  readonly holds: string;
  readonly may: readonly string[];
}

export function layersTable(layers: readonly Layer[]): string {
  const rows = layers.map((layer) => `| \`${layer.name}\` | ${layer.holds} | ${layer.may.length > 0 ? layer.may.map((name) => `\`${name}\``).join(', ') : 'nothing of the house'} |`);
  return ['| layer | holds | may import |', '| --- | --- | --- |', ...rows].join('\n');
}

export function readLayers(file = 'layers.json'): Layer[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { layers: Layer[] }).layers;
}

if (import.meta.main) {
  parseCommandLine({
    name: 'layers:table',
    usage: `Usage: npm run layers:table

Prints the README's table of layers and who may import whom, from layers.json (the file the import rules
are made from). tests/architecture/layers.test.ts checks that the README holds exactly this table.

  -h, --help  this text`,
  });
  runCommand('layers:table', () => console.log(layersTable(readLayers())));
}
