/** The layer rules are data (layers.json); the README says the same, and the layers form no cycle. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layersTable, readLayers } from '../../scripts/layers-table.ts';

const layers = readLayers();

describe('layers.json', () => {
  it('names only layers it defines, and each once', () => {
    const names = layers.map((layer) => layer.name);
    expect(new Set(names).size).toBe(names.length);
    for (const layer of layers) for (const name of layer.may) expect(names).toContain(name);
  });

  it('lets no layer reach itself through the layers it may import (no cycle between folders)', () => {
    const may = new Map(layers.map((layer) => [layer.name, layer.may]));
    const reaches = (from: string, seen = new Set<string>()): Set<string> => {
      for (const next of may.get(from) ?? []) if (!seen.has(next)) { seen.add(next); reaches(next, seen); }
      return seen;
    };
    for (const layer of layers) expect([...reaches(layer.name)], `${layer.name} reaches itself`).not.toContain(layer.name);
  });

  it('is the README\'s import table, word for word', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(layersTable(layers));
  });

  it('keeps development-only layers out of production layers', () => {
    const devOnly = new Set(['mock-world', 'adapter-mocks', 'dev', 'testkit']);
    for (const layer of layers) {
      if (devOnly.has(layer.name) || layer.name === 'main') continue;
      expect(layer.may.filter((name) => devOnly.has(name)), layer.name).toEqual([]);
    }
  });
});
