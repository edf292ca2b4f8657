/**
 * The architecture's import rules, made from layers.json (the one place they are written down).
 * `npm run lint` runs it; CI fails on a forbidden import or an import cycle.
 */
const { layers, rules } = require('./layers.json');

const byName = new Map(layers.map((layer) => [layer.name, layer]));
const internal = '^(src|adapters)/';

/** One rule per layer: its files import only its own layer and the layers it lists. */
const layerRules = layers.map((layer) => ({
  name: `layer-${layer.name}`,
  severity: 'error',
  comment: `${layer.name} (${layer.holds}) may import: ${layer.may.length ? layer.may.join(', ') : 'nothing of the house'}.`,
  from: { path: layer.path },
  to: { path: internal, pathNot: [layer.path, ...layer.may.map((name) => {
    const target = byName.get(name);
    if (!target) throw new Error(`layers.json: ${layer.name} may import an unknown layer ${name}`);
    return target.path;
  })] },
}));

/** Every file of src/ and adapters/ belongs to exactly one layer. */
const unplaced = {
  name: 'layer-unplaced',
  severity: 'error',
  comment: 'A file under src/ or adapters/ that no layer of layers.json holds.',
  from: { path: internal, pathNot: layers.map((layer) => layer.path) },
  to: {},
};

module.exports = {
  forbidden: [
    { name: 'no-cycle', severity: 'error', comment: 'No import cycle between files.', from: {}, to: { circular: true } },
    ...layerRules,
    unplaced,
    {
      name: 'policy-entry', severity: 'error', comment: rules.policyEntry,
      from: { pathNot: '^(src/policy/|tests/)' }, to: { path: '^src/policy/', pathNot: '^src/policy/index\\.ts$' },
    },
    {
      name: 'policy-pure', severity: 'error', comment: rules.policyPure,
      from: { path: '^src/policy/', pathNot: '^src/policy/load-[^/]+\\.ts$' },
      to: { dependencyTypes: ['core', 'npm'], path: '^(fs|node:fs|fs/promises|node:fs/promises|http|node:http|https|node:https|net|node:net|node:sqlite|undici|pg)(/|$)' },
    },
    {
      name: 'adapters-apart', severity: 'error', comment: rules.adaptersApart,
      from: { path: '^adapters/([^/]+)/' }, to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
    { name: 'no-tests', severity: 'error', comment: rules.noTests, from: { pathNot: '^tests/' }, to: { path: '^tests/' } },
    {
      name: 'examples-apart', severity: 'error', comment: rules.examplesApart,
      from: { path: '^examples/' }, to: { path: '^(src|adapters|scripts|bench|tests)/|^codegen\\.ts$' },
    },
    {
      name: 'dev-dynamic-only', severity: 'error', comment: rules.devDynamicOnly,
      from: { path: '^src/main\\.ts$' }, to: { path: '^src/dev/', dynamic: false },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|reports|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
