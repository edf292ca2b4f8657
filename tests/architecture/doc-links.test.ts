/**
 * Every relative link in the README and the docs names a file in this repository, and none leaves it
 * (the domain brief and the style guide live in docs/, not beside the checkout).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect, it } from 'vitest';

const files = ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'bench/README.md', 'examples/client/README.md',
  ...readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => join('docs', name))];

it.each(files)('%s links only to files that exist inside the repository', (file) => {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!)
    .filter((target) => !/^(https?:|mailto:|#)/.test(target)).map((target) => target.split('#')[0]!);
  for (const target of targets) {
    const path = normalize(join(dirname(file), target));
    expect(path.startsWith('..'), `${file} -> ${target} leaves the repository`).toBe(false);
    expect(existsSync(path), `${file} -> ${target}`).toBe(true);
  }
});
