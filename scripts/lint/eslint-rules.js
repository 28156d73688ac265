/**
 * The house's own lint rules.
 *
 * `three-blocks` holds the house's walls. The client (app/) and the server (server/) both import the shared
 * core (core/), neither imports the other, and the core imports neither. Test support (testing/) sits beside
 * them and may import any of the three; product code never imports it, nor e2e/ or scripts/ (a `*.test.ts`
 * beside the code may use testing/ and scripts/). Scripts may import testing/, and nothing imports scripts/ but scripts/ and the configs.
 *
 * `one-way` holds the app's one-way data flow: shell → features → shared modules. A feature never imports
 * another feature, and shared modules (api, records, offline, crypto, rules, ui, i18n…) never import
 * a feature or the shell. Paths are resolved, so `../../other-feature/x` is caught as well.
 *
 * `no-import-cycle` refuses an import that closes a loop: the graph of relative imports over the whole tree
 * is read once a lint run, and an import whose target can reach back to its file is reported.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '..', '..');
const appRoot = resolve(projectRoot, 'app');
const blocks = ['app', 'core', 'server', 'testing', 'scripts', 'e2e'];

/** @param {string} file */
function blockOf(file) {
  const first = relative(projectRoot, file).split(/[\\/]/)[0];
  return blocks.includes(first) ? first : undefined;
}

const isTest = (file) => /\.test\.tsx?$/.test(file);

/** What each block may import besides itself; tests beside product code may also import test support. */
const allowedBlocks = {
  app: ['core'],
  server: ['core'],
  core: [],
  testing: ['app', 'core', 'server'],
  scripts: ['app', 'core', 'server', 'testing'],
  e2e: ['app', 'core', 'server', 'testing'],
};
/** A test beside product code may use test support and the build's own scripts (precompress, say). */
const testSupport = ['testing', 'scripts'];

/** @param {string} file */
function placeOf(file) {
  const parts = relative(appRoot, file).split(/[\\/]/);
  if (parts[0] === '..' || parts.length < 2) return { layer: 'root' };
  if (parts[0] === 'shell') return { layer: 'shell' };
  if (parts[0] === 'features') return { layer: 'feature', name: parts[1] };
  return { layer: 'shared', name: parts[0] };
}

const sourceFile = /\.(ts|tsx|js)$/;
const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of every source file under the blocks, resolved to files. */
function importGraph() {
  const graph = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (sourceFile.test(name)) graph.set(full, []);
    }
  };
  for (const block of blocks) if (existsSync(join(projectRoot, block))) walk(join(projectRoot, block));
  for (const [file, edges] of graph) {
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const target = resolve(dirname(file), match[1] ?? match[2] ?? match[3]);
      if (graph.has(target)) edges.push(target);
    }
  }
  return graph;
}

/** Strongly connected components (Tarjan): files in one component of two or more import each other round. */
function componentOf(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const component = new Map();
  let next = 0;
  const visit = (root) => {
    const work = [[root, 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const edges = graph.get(node);
      if (i < edges.length) {
        frame[1]++;
        const to = edges[i];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push([to, 0]);
        } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), index.get(to)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const members = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          members.push(member);
        } while (member !== node);
        if (members.length > 1) for (const m of members) component.set(m, node);
      }
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return component;
}

let cycles;
/** Read once a lint run: eslint loads this module once per process. */
const cycleComponents = () => (cycles ??= componentOf(importGraph()));

/** @type {import('eslint').ESLint.Plugin} */
export const walletRules = {
  rules: {
    'three-blocks': {
      meta: {
        type: 'problem',
        messages: {
          wall: '{{from}}/ may not import from {{to}}/: client and server meet only in core/.',
          testSupport: 'Product code in {{from}}/ may not import {{to}}/: only tests, e2e and scripts use test support.',
        },
        schema: [],
      },
      create(context) {
        const from = blockOf(context.filename);
        if (!from) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = blockOf(resolve(dirname(context.filename), source));
          if (!to || to === from || allowedBlocks[from].includes(to)) return;
          if (isTest(context.filename) && testSupport.includes(to)) return;
          const product = from === 'app' || from === 'core' || from === 'server';
          const messageId = product && (to === 'testing' || to === 'e2e' || to === 'scripts') ? 'testSupport' : 'wall';
          context.report({ node, messageId, data: { from, to } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
    'one-way': {
      meta: {
        type: 'problem',
        messages: {
          crossFeature: 'Feature "{{from}}" may not import feature "{{to}}": compose them in shell/.',
          upward: 'Shared module "{{from}}" may not import {{to}}: data flows from features to shared modules only.',
        },
        schema: [],
      },
      create(context) {
        const from = placeOf(context.filename);
        return {
          ImportDeclaration(node) {
            const source = String(node.source.value);
            if (!source.startsWith('.')) return;
            const to = placeOf(resolve(dirname(context.filename), source));
            if (from.layer === 'feature' && to.layer === 'feature' && to.name !== from.name) {
              context.report({ node, messageId: 'crossFeature', data: { from: from.name, to: to.name } });
            }
            if (from.layer === 'shared' && (to.layer === 'feature' || to.layer === 'shell')) {
              context.report({ node, messageId: 'upward', data: { from: from.name, to: to.layer === 'shell' ? 'the shell' : `feature "${to.name}"` } });
            }
          },
        };
      },
    },
    'no-import-cycle': {
      meta: {
        type: 'problem',
        messages: { cycle: 'This import closes a loop: {{to}} imports its way back to this file. Move what both need below them.' },
        schema: [],
      },
      create(context) {
        const components = cycleComponents();
        const mine = components.get(context.filename);
        if (mine === undefined) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const target = resolve(dirname(context.filename), source);
          if (components.get(target) === mine) context.report({ node, messageId: 'cycle', data: { to: relative(projectRoot, target) } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
    'no-literal-text': {
      meta: {
        type: 'problem',
        messages: {
          literal: 'User-visible text "{{text}}" must come from the message catalog (app/i18n/messages.ts) so both languages have it.',
        },
        schema: [],
      },
      create(context) {
        const spoken = new Set(['aria-label', 'aria-description', 'title', 'alt', 'placeholder', 'label']);
        const hasWords = (text) => /\p{L}/u.test(text);
        return {
          JSXText(node) {
            if (hasWords(node.value)) context.report({ node, messageId: 'literal', data: { text: node.value.trim() } });
          },
          JSXAttribute(node) {
            const name = typeof node.name.name === 'string' ? node.name.name : '';
            if (!spoken.has(name) || node.value?.type !== 'Literal') return;
            if (typeof node.value.value === 'string' && hasWords(node.value.value)) {
              context.report({ node, messageId: 'literal', data: { text: node.value.value } });
            }
          },
        };
      },
    },
  },
};
